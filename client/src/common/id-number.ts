/**
 * 公民身份号码 (GB 11643-1999) as the server checks it: 18 characters with an ISO 7064 MOD 11-2 check
 * character (X allowed), or the legacy 15-digit form (no check character), which the server converts.
 */
const WEIGHTS = [7, 9, 10, 5, 8, 4, 2, 1, 6, 3, 7, 9, 10, 5, 8, 4, 2];
const CHECK_CHARS = "10X98765432";

function realDate(yyyymmdd: string): boolean {
  const y = Number(yyyymmdd.slice(0, 4));
  const m = Number(yyyymmdd.slice(4, 6));
  const d = Number(yyyymmdd.slice(6, 8));
  const date = new Date(Date.UTC(y, m - 1, d));
  return (
    date.getUTCFullYear() === y &&
    date.getUTCMonth() === m - 1 &&
    date.getUTCDate() === d &&
    y >= 1900 &&
    date.getTime() <= Date.now()
  );
}

/** Why the number is wrong, or null when it is a well-formed 15- or 18-digit number. */
export function idNumberProblem(input: string): string | null {
  const raw = input.trim().toUpperCase();
  if (/^\d{15}$/.test(raw)) return realDate(`19${raw.slice(6, 12)}`) ? null : "身份证号码中的出生日期无效";
  if (raw.length !== 15 && raw.length !== 18)
    return `身份证号码应为18位（末位可为X）或15位数字（当前 ${raw.length} 位）`;
  if (!/^\d{17}[\dX]$/.test(raw)) return "身份证号码应为18位（末位可为X）或15位数字";
  if (!realDate(raw.slice(6, 14))) return "身份证号码中的出生日期无效";
  let sum = 0;
  for (let i = 0; i < 17; i++) sum += Number(raw[i]) * WEIGHTS[i];
  return CHECK_CHARS[sum % 11] === raw[17] ? null : "身份证号码校验位错误，请核对";
}

/** The live hint next to an ID-number input. */
export function idNumberHint(input: string): { ok: boolean; text: string } {
  const raw = input.trim();
  if (!raw) return { ok: false, text: "15 位或 18 位" };
  const problem = idNumberProblem(raw);
  if (problem) return { ok: false, text: `${raw.length} 位` };
  return { ok: true, text: raw.length === 15 ? "15 位，格式正确" : "校验通过" };
}
