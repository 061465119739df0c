/**
 * 公民身份号码 (GB 11643-1999): the check itself lives in the shared rules package (the console runs the same
 * code); what only the server needs — facts encoded in the number, masks for lists — stays here.
 */
export { checkCharacter, isIdNumberLike, normalizeIdNumber, type IdNumberResult } from "./rules";

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

/**
 * Masks every ID number (15 or 18 characters) and mobile number inside free text — audit records' attempted user
 * names and details — the way lists show them.
 */
export const maskPersonalNumbersIn = (text: string) =>
  text
    .replace(/(?<![\dA-Za-z])(\d{17}[\dXx]|\d{15})(?![\dA-Za-z])/g, (id) => maskIdNumber(id))
    .replace(/(?<!\d)1[3-9]\d{9}(?!\d)/g, (phone) => maskPhone(phone));

/** Masks a Chinese name for public pages: 张三 → 张*, 欧阳娜娜 → 欧**娜. */
export function maskName(name: string): string {
  const chars = [...name];
  if (chars.length <= 1) return name;
  if (chars.length === 2) return chars[0] + "*";
  return chars[0] + "*".repeat(chars.length - 2) + chars[chars.length - 1];
}
