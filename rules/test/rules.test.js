import assert from "node:assert/strict";
import { readFileSync } from "node:fs";
import { describe, it } from "node:test";
import {
  checkCharacter,
  creditCodeProblem,
  ERROR_CODES,
  fileKindMessage,
  idNumberProblem,
  isIdNumberLike,
  LIMITS,
  normalizeCreditCode,
  normalizeIdNumber,
  PHONE_PATTERN,
  sniffFileKind,
  withCreditCheck,
} from "../src/index.js";

/** The vectors the server's and the console's tests feed their own entry points too. */
const vectors = JSON.parse(readFileSync(new URL("./vectors.json", import.meta.url), "utf8"));

describe("resident ID numbers (GB 11643)", () => {
  for (const [input, expected] of vectors.idNumbers) {
    it(`${JSON.stringify(input)} → ${expected.ok ? expected.value : expected.reason}`, () => {
      assert.deepEqual(normalizeIdNumber(input), expected);
      assert.equal(idNumberProblem(input), expected.ok ? null : expected.reason);
    });
  }
  it("computes the MOD 11-2 check character (published examples)", () => {
    assert.equal(checkCharacter("11010519491231002"), "X");
    assert.equal(checkCharacter("13050319670401001"), "6");
  });
  it("refuses a birth date after today, and accepts 29 February only in leap years", () => {
    const today = new Date("2026-06-01T00:00:00Z");
    const future = "45010220260602123";
    assert.equal(idNumberProblem(future + checkCharacter(future), today), "身份证号码中的出生日期无效");
    const leap = "45010219880229123";
    assert.equal(idNumberProblem(leap + checkCharacter(leap), today), null);
    const notLeap = "45010219890229123";
    assert.equal(idNumberProblem(notLeap + checkCharacter(notLeap), today), "身份证号码中的出生日期无效");
  });
  it("tells an ID-number-like search text from a name", () => {
    assert.equal(isIdNumberLike(" 11010519491231002x "), true);
    assert.equal(isIdNumberLike("张三"), false);
  });
});

describe("unified social credit codes (GB 32100)", () => {
  for (const [input, expected] of vectors.creditCodes) {
    it(`${input} → ${expected.ok ? "valid" : expected.reason}`, () => {
      assert.deepEqual(normalizeCreditCode(input), expected);
      assert.equal(creditCodeProblem(input), expected.ok ? null : expected.reason);
    });
  }
  it("completes 17 characters with their check character, and refuses a foreign one", () => {
    assert.equal(withCreditCheck("91350100M000100Y4"), "91350100M000100Y43");
    assert.throws(() => withCreditCheck("91350100M000100I4"));
  });
});

describe("phone numbers, field lengths, error codes", () => {
  for (const [input, ok] of vectors.phones)
    it(`${input} is ${ok ? "" : "not "}a phone number`, () => {
      assert.equal(PHONE_PATTERN.test(input), ok);
    });
  it("every limit is a positive length with a message that names it", () => {
    for (const [name, l] of Object.entries(LIMITS)) {
      assert.ok(Number.isInteger(l.max) && l.max > 0, name);
      assert.match(l.message, new RegExp(`不能超过${l.max}`), name);
    }
    assert.equal(LIMITS.institutionName.max, 128);
    assert.equal(LIMITS.address.max, 255);
    assert.throws(() => {
      LIMITS.address.max = 1;
    });
  });
  it("error codes are unique upper-case names", () => {
    assert.equal(new Set(ERROR_CODES).size, ERROR_CODES.length);
    for (const c of ERROR_CODES) assert.match(c, /^[A-Z_]+$/);
  });
});

describe("attachment kinds by content", () => {
  it("knows PDF, PNG and JPEG by their first bytes, not by name", () => {
    assert.equal(sniffFileKind(new TextEncoder().encode("%PDF-1.7\n")), "PDF");
    assert.equal(sniffFileKind([0x89, 0x50, 0x4e, 0x47, 0x0d, 0x0a, 0x1a, 0x0a]), "PNG");
    assert.equal(sniffFileKind([0xff, 0xd8, 0xff, 0xe0]), "JPEG");
    assert.equal(sniffFileKind(new TextEncoder().encode("<html>")), null);
    assert.equal(sniffFileKind([0x89, 0x50]), null);
  });
  it("names the file and the kinds allowed", () => {
    assert.equal(fileKindMessage("a.pdf", ["JPEG", "PNG"]), "文件“a.pdf”不是允许的格式，仅支持 JPEG 图片、PNG 图片");
  });
});
