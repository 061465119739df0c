import { normalizeCreditCode, withCreditCheck } from "../credit-code";
import { checkCharacter, idNumberFacts, maskIdNumber, maskName, maskPhone, normalizeIdNumber } from "../id-number";

describe("resident ID numbers (GB 11643)", () => {
  it("accepts a valid 18-digit number and keeps it", () => {
    expect(normalizeIdNumber("11010519491231002X")).toEqual({ ok: true, value: "11010519491231002X" });
  });
  it("accepts a lower-case x and stores it upper-case", () => {
    expect(normalizeIdNumber("11010519491231002x")).toEqual({ ok: true, value: "11010519491231002X" });
  });
  it("refuses a wrong check character", () => {
    expect(normalizeIdNumber("110105194912310021")).toEqual({ ok: false, reason: "身份证号码校验位错误" });
  });
  it("computes the MOD 11-2 check character (published examples)", () => {
    expect(checkCharacter("11010519491231002")).toBe("X");
    expect(checkCharacter("13050319670401001")).toBe("6");
    expect(normalizeIdNumber("130503670401001")).toEqual({ ok: true, value: "130503196704010016" });
  });
  it("converts the 15-digit legacy form to 18 digits", () => {
    const r = normalizeIdNumber("450102800101123");
    expect(r.ok).toBe(true);
    if (r.ok) {
      expect(r.value.slice(0, 17)).toBe("45010219800101123");
      expect(r.value).toHaveLength(18);
      expect(normalizeIdNumber(r.value)).toEqual({ ok: true, value: r.value });
    }
  });
  it("refuses impossible birth dates in both forms", () => {
    expect(normalizeIdNumber("450102800230123").ok).toBe(false); // 1980-02-30
    const first17 = "45010219800230123";
    expect(normalizeIdNumber(first17 + checkCharacter(first17))).toEqual({
      ok: false,
      reason: "身份证号码中的出生日期无效",
    });
    const future = "45010230990101123";
    expect(normalizeIdNumber(future + checkCharacter(future)).ok).toBe(false);
  });
  it("accepts 29 February only in leap years", () => {
    const leap = "45010219880229123";
    expect(normalizeIdNumber(leap + checkCharacter(leap)).ok).toBe(true);
    const common = "45010219890229123";
    expect(normalizeIdNumber(common + checkCharacter(common)).ok).toBe(false);
  });
  it("refuses unknown province codes, wrong lengths and letters", () => {
    const bad = "99010219800101123";
    expect(normalizeIdNumber(bad + checkCharacter(bad))).toEqual({ ok: false, reason: "身份证号码地址码无效" });
    expect(normalizeIdNumber("4501021980010112").ok).toBe(false);
    expect(normalizeIdNumber("45010219800101A234").ok).toBe(false);
    expect(normalizeIdNumber("").ok).toBe(false);
  });
  it("derives gender and birth date", () => {
    expect(idNumberFacts("11010519491231002X")).toEqual({ birthDate: "1949-12-31", gender: "FEMALE" });
  });
  it("masks numbers, phones and names", () => {
    expect(maskIdNumber("450102198001011234")).toBe("4501**********1234");
    expect(maskPhone("13812345678")).toBe("138****5678");
    expect(maskName("张三")).toBe("张*");
    expect(maskName("欧阳娜娜")).toBe("欧**娜");
  });
});

describe("unified social credit codes (GB 32100)", () => {
  it("accepts a code with the right check character", () => {
    expect(normalizeCreditCode("91350100M000100Y43")).toEqual({ ok: true, value: "91350100M000100Y43" });
    expect(normalizeCreditCode(withCreditCheck("12450100498500001")).ok).toBe(true);
  });
  it("refuses a wrong check character, bad letters and wrong length", () => {
    expect(normalizeCreditCode("91350100M000100Y44")).toEqual({ ok: false, reason: "统一社会信用代码校验位错误" });
    expect(normalizeCreditCode("91350100M000100I43").ok).toBe(false);
    expect(normalizeCreditCode("9135").ok).toBe(false);
  });
});
