import { randomInt, timingSafeEqual } from "node:crypto";

/** Crockford base32: no I, L, O or U, so a code read off paper is not misread. */
const ALPHABET = "0123456789ABCDEFGHJKMNPQRSTVWXYZ";
export const VERIFICATION_CODE_LENGTH = 12;

/** A new unguessable verification code (12 characters, 60 bits from the system's CSPRNG), stored without dashes. */
export function newVerificationCode(): string {
  let code = "";
  for (let i = 0; i < VERIFICATION_CODE_LENGTH; i++) code += ALPHABET[randomInt(ALPHABET.length)];
  return code;
}

/** XXXX-XXXX-XXXX, as printed beside the certificate number. */
export const formatVerificationCode = (code: string) => code.match(/.{1,4}/g)?.join("-") ?? code;

/** What a person typed, as stored: case and dashes/spaces ignored, I/L read as 1 and O as 0 (Crockford decoding). */
export const normalizeVerificationCode = (input: string) =>
  input.toUpperCase().replace(/[\s-]/g, "").replace(/[IL]/g, "1").replace(/O/g, "0").slice(0, 32);

/** Constant-time comparison of a normalised input with the stored code. */
export function verificationCodeMatches(stored: string | null, input: string): boolean {
  if (!stored || input.length !== stored.length) return false;
  return timingSafeEqual(Buffer.from(stored), Buffer.from(input));
}
