/**
 * 公民身份号码 (GB 11643-1999): the server's own check, from the shared rules package (province code, birth date,
 * MOD 11-2 check character; the 15-digit legacy form is accepted).
 */
import { idNumberProblem } from "./rules";

export { idNumberProblem };

/** The live hint next to an ID-number input. */
export function idNumberHint(input: string): { ok: boolean; text: string } {
  const raw = input.trim();
  if (!raw) return { ok: false, text: "15 位或 18 位" };
  const problem = idNumberProblem(raw);
  if (problem) return { ok: false, text: `${raw.length} 位` };
  return { ok: true, text: raw.length === 15 ? "15 位，格式正确" : "校验通过" };
}
