/**
 * 统一社会信用代码 (GB 32100-2015): 18 characters from a 31-character alphabet (no I, O, Z, S, V); the last is a
 * MOD 31 check character over the first 17 with weights 3^i mod 31.
 */
const ALPHABET = "0123456789ABCDEFGHJKLMNPQRTUWXY";
const WEIGHTS = [1, 3, 9, 27, 19, 26, 16, 17, 20, 29, 25, 13, 8, 24, 10, 30, 28];

export const CREDIT_CODE_MESSAGES = {
  length: "统一社会信用代码应为18位",
  alphabet: "统一社会信用代码只能包含数字和大写字母（不含 I、O、Z、S、V）",
  check: "统一社会信用代码校验位错误",
};

export function creditCodeCheckCharacter(first17) {
  let sum = 0;
  for (let i = 0; i < 17; i++) {
    const v = ALPHABET.indexOf(first17[i]);
    if (v < 0) return null;
    sum += v * WEIGHTS[i];
  }
  return ALPHABET[(31 - (sum % 31)) % 31];
}

export function normalizeCreditCode(input) {
  const code = (input ?? "").trim().toUpperCase();
  if (code.length !== 18) return { ok: false, reason: CREDIT_CODE_MESSAGES.length };
  if (![...code].every((c) => ALPHABET.includes(c))) return { ok: false, reason: CREDIT_CODE_MESSAGES.alphabet };
  if (creditCodeCheckCharacter(code.slice(0, 17)) !== code[17])
    return { ok: false, reason: CREDIT_CODE_MESSAGES.check };
  return { ok: true, value: code };
}

/** Why the code is wrong, or null when it is valid (what a form shows). */
export function creditCodeProblem(input) {
  const result = normalizeCreditCode(input);
  return result.ok ? null : result.reason;
}

/** Completes 17 characters with their check character (seed data and tests). */
export function withCreditCheck(first17) {
  const check = creditCodeCheckCharacter(first17);
  if (!check) throw new Error(`not a credit-code prefix: ${first17}`);
  return first17 + check;
}
