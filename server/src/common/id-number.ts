/**
 * 公民身份号码 (GB 11643-1999): 6-digit address code, 8-digit birth date, 3-digit sequence
 * (odd = male), ISO 7064 MOD 11-2 check character. The legacy 15-digit form (GB 11643-1989) has a
 * 6-digit birth date and no check character; it is converted by inserting "19" and appending one.
 */
const WEIGHTS = [7, 9, 10, 5, 8, 4, 2, 1, 6, 3, 7, 9, 10, 5, 8, 4, 2];
const CHECK_CHARS = "10X98765432";
const PROVINCE_CODES = new Set([
  11, 12, 13, 14, 15, 21, 22, 23, 31, 32, 33, 34, 35, 36, 37, 41, 42, 43, 44, 45, 46, 50, 51, 52, 53, 54, 61, 62, 63,
  64, 65, 71, 81, 82, 91,
]);

export type IdNumberResult = { ok: true; value: string } | { ok: false; reason: string };

export function checkCharacter(first17: string): string {
  let sum = 0;
  for (let i = 0; i < 17; i++) sum += Number(first17[i]) * WEIGHTS[i];
  return CHECK_CHARS[sum % 11];
}

function isRealDate(yyyymmdd: string, today = new Date()): boolean {
  const y = Number(yyyymmdd.slice(0, 4));
  const m = Number(yyyymmdd.slice(4, 6));
  const d = Number(yyyymmdd.slice(6, 8));
  const date = new Date(Date.UTC(y, m - 1, d));
  const real = date.getUTCFullYear() === y && date.getUTCMonth() === m - 1 && date.getUTCDate() === d;
  return real && y >= 1900 && date.getTime() <= today.getTime();
}

/** Validates either form and returns the canonical 18-character number (upper-case X). */
export function normalizeIdNumber(input: string): IdNumberResult {
  const raw = (input ?? "").trim().toUpperCase();
  if (/^\d{15}$/.test(raw)) {
    if (!PROVINCE_CODES.has(Number(raw.slice(0, 2)))) return { ok: false, reason: "身份证号码地址码无效" };
    const birth = `19${raw.slice(6, 12)}`;
    if (!isRealDate(birth)) return { ok: false, reason: "身份证号码中的出生日期无效" };
    const first17 = raw.slice(0, 6) + birth + raw.slice(12);
    return { ok: true, value: first17 + checkCharacter(first17) };
  }
  if (!/^\d{17}[\dX]$/.test(raw)) return { ok: false, reason: "身份证号码应为18位（末位可为X）或15位数字" };
  if (!PROVINCE_CODES.has(Number(raw.slice(0, 2)))) return { ok: false, reason: "身份证号码地址码无效" };
  if (!isRealDate(raw.slice(6, 14))) return { ok: false, reason: "身份证号码中的出生日期无效" };
  if (checkCharacter(raw.slice(0, 17)) !== raw[17]) return { ok: false, reason: "身份证号码校验位错误" };
  return { ok: true, value: raw };
}

export const isIdNumberLike = (s: string) => /^\s*(\d{15}|\d{17}[\dXx])\s*$/.test(s);

/** Birth date (YYYY-MM-DD) and gender encoded in a canonical 18-digit number. */
export function idNumberFacts(id18: string): { birthDate: string; gender: "MALE" | "FEMALE" } {
  return {
    birthDate: `${id18.slice(6, 10)}-${id18.slice(10, 12)}-${id18.slice(12, 14)}`,
    gender: Number(id18[16]) % 2 === 1 ? "MALE" : "FEMALE",
  };
}

/** 4501**********1234: lists show only the region prefix and the last four characters. */
export const maskIdNumber = (id: string) =>
  id.length <= 8 ? "*".repeat(id.length) : id.slice(0, 4) + "*".repeat(id.length - 8) + id.slice(-4);

export const maskPhone = (phone: string) =>
  phone.length >= 7 ? phone.slice(0, 3) + "*".repeat(phone.length - 7) + phone.slice(-4) : "*".repeat(phone.length);

/** Masks a Chinese name for public pages: 张三 → 张*, 欧阳娜娜 → 欧**娜. */
export function maskName(name: string): string {
  const chars = [...name];
  if (chars.length <= 1) return name;
  if (chars.length === 2) return chars[0] + "*";
  return chars[0] + "*".repeat(chars.length - 2) + chars[chars.length - 1];
}
