/**
 * 统一社会信用代码 (GB 32100-2015), as the server checks it: 18 characters from a 31-character alphabet
 * (no I, O, Z, S, V); the 18th is a MOD 31 check character over the first 17.
 */
const ALPHABET = "0123456789ABCDEFGHJKLMNPQRTUWXY";
const WEIGHTS = [1, 3, 9, 27, 19, 26, 16, 17, 20, 29, 25, 13, 8, 24, 10, 30, 28];

/** Why the code is wrong, or null when it is well-formed with a correct check character. */
export function creditCodeProblem(input: string): string | null {
  const code = input.trim().toUpperCase();
  if (code.length !== 18) return `统一社会信用代码应为18位（当前 ${code.length} 位）`;
  if (![...code].every((c) => ALPHABET.includes(c)))
    return "统一社会信用代码只能包含数字和大写字母（不含 I、O、Z、S、V）";
  let sum = 0;
  for (let i = 0; i < 17; i++) sum += ALPHABET.indexOf(code[i]) * WEIGHTS[i];
  const check = ALPHABET[(31 - (sum % 31)) % 31];
  return check === code[17] ? null : "统一社会信用代码校验位错误，请核对";
}
