/**
 * 统一社会信用代码 (GB 32100-2015): 18 characters from a 31-character alphabet (no I, O, Z, S, V);
 * the last is a MOD 31 check character over the first 17 with weights 3^i mod 31.
 */
const ALPHABET = "0123456789ABCDEFGHJKLMNPQRTUWXY";
const WEIGHTS = [1, 3, 9, 27, 19, 26, 16, 17, 20, 29, 25, 13, 8, 24, 10, 30, 28];

export function creditCodeCheckCharacter(first17: string): string | null {
  let sum = 0;
  for (let i = 0; i < 17; i++) {
    const v = ALPHABET.indexOf(first17[i]);
    if (v < 0) return null;
    sum += v * WEIGHTS[i];
  }
  return ALPHABET[(31 - (sum % 31)) % 31];
}

export type CreditCodeResult = { ok: true; value: string } | { ok: false; reason: string };

export function normalizeCreditCode(input: string): CreditCodeResult {
  const code = (input ?? "").trim().toUpperCase();
  if (code.length !== 18) return { ok: false, reason: "统一社会信用代码应为18位" };
  if (![...code].every((c) => ALPHABET.includes(c))) {
    return { ok: false, reason: "统一社会信用代码只能包含数字和大写字母（不含 I、O、Z、S、V）" };
  }
  if (creditCodeCheckCharacter(code.slice(0, 17)) !== code[17])
    return { ok: false, reason: "统一社会信用代码校验位错误" };
  return { ok: true, value: code };
}

/** Completes 17 characters with their check character (seed data and tests). */
export function withCreditCheck(first17: string): string {
  const check = creditCodeCheckCharacter(first17);
  if (!check) throw new Error(`not a credit-code prefix: ${first17}`);
  return first17 + check;
}
