/**
 * 公民身份号码 (GB 11643-1999): 6-digit address code, 8-digit birth date, 3-digit sequence (odd = male),
 * ISO 7064 MOD 11-2 check character. The legacy 15-digit form (GB 11643-1989) has a 6-digit birth date and no
 * check character; it is converted by inserting "19" and appending one.
 */
const WEIGHTS = [7, 9, 10, 5, 8, 4, 2, 1, 6, 3, 7, 9, 10, 5, 8, 4, 2];
const CHECK_CHARS = "10X98765432";
/** The first two digits of the address code: provinces, 71 台湾, 81 香港, 82 澳门, 91 (residence permits). */
export const PROVINCE_CODES = new Set([
  11, 12, 13, 14, 15, 21, 22, 23, 31, 32, 33, 34, 35, 36, 37, 41, 42, 43, 44, 45, 46, 50, 51, 52, 53, 54, 61, 62, 63,
  64, 65, 71, 81, 82, 91,
]);

export const ID_NUMBER_MESSAGES = {
  format: "身份证号码应为18位（末位可为X）或15位数字",
  region: "身份证号码地址码无效",
  birthDate: "身份证号码中的出生日期无效",
  check: "身份证号码校验位错误",
};

export function checkCharacter(first17) {
  let sum = 0;
  for (let i = 0; i < 17; i++) sum += Number(first17[i]) * WEIGHTS[i];
  return CHECK_CHARS[sum % 11];
}

function isRealDate(yyyymmdd, today) {
  const y = Number(yyyymmdd.slice(0, 4));
  const m = Number(yyyymmdd.slice(4, 6));
  const d = Number(yyyymmdd.slice(6, 8));
  const date = new Date(Date.UTC(y, m - 1, d));
  const real = date.getUTCFullYear() === y && date.getUTCMonth() === m - 1 && date.getUTCDate() === d;
  return real && y >= 1900 && date.getTime() <= today.getTime();
}

/** Validates either form and returns the canonical 18-character number (upper-case X), or why it is wrong. */
export function normalizeIdNumber(input, today = new Date()) {
  const raw = (input ?? "").trim().toUpperCase();
  if (/^\d{15}$/.test(raw)) {
    if (!PROVINCE_CODES.has(Number(raw.slice(0, 2)))) return { ok: false, reason: ID_NUMBER_MESSAGES.region };
    const birth = `19${raw.slice(6, 12)}`;
    if (!isRealDate(birth, today)) return { ok: false, reason: ID_NUMBER_MESSAGES.birthDate };
    const first17 = raw.slice(0, 6) + birth + raw.slice(12);
    return { ok: true, value: first17 + checkCharacter(first17) };
  }
  if (!/^\d{17}[\dX]$/.test(raw)) return { ok: false, reason: ID_NUMBER_MESSAGES.format };
  if (!PROVINCE_CODES.has(Number(raw.slice(0, 2)))) return { ok: false, reason: ID_NUMBER_MESSAGES.region };
  if (!isRealDate(raw.slice(6, 14), today)) return { ok: false, reason: ID_NUMBER_MESSAGES.birthDate };
  if (checkCharacter(raw.slice(0, 17)) !== raw[17]) return { ok: false, reason: ID_NUMBER_MESSAGES.check };
  return { ok: true, value: raw };
}

/** Why the number is wrong, or null when it is a valid 15- or 18-digit number (what a form shows). */
export function idNumberProblem(input, today = new Date()) {
  const result = normalizeIdNumber(input, today);
  return result.ok ? null : result.reason;
}

/** Looks like an ID number (search boxes: exact match on the number instead of a name search). */
export const isIdNumberLike = (s) => /^\s*(\d{15}|\d{17}[\dXx])\s*$/.test(s);
