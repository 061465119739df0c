/** Plain-text tables for the console report (CJK characters count as two columns). */

export interface Target {
  section: string;
  name: string;
  target: string;
  actual: string;
  pass: boolean;
  /** CPU (% of one core) other processes used during the measurement; above 50 the figure is marked as noisy. */
  otherCpu?: number;
}

export const NOISY_OTHER_CPU = 50;

const width = (s: string) => {
  let w = 0;
  for (const ch of s)
    w += /[\u1100-\u115f\u2e80-\ua4cf\uac00-\ud7a3\uf900-\ufaff\ufe30-\ufe4f\uff00-\uff60\uffe0-\uffe6]/.test(ch)
      ? 2
      : 1;
  return w;
};
const pad = (s: string, n: number, right = false) =>
  right ? " ".repeat(Math.max(0, n - width(s))) + s : s + " ".repeat(Math.max(0, n - width(s)));

export function table(title: string, headers: string[], rows: (string | number)[][], note?: string): string {
  const cells = rows.map((r) => r.map((c) => String(c)));
  const widths = headers.map((h, i) => Math.max(width(h), ...cells.map((r) => width(r[i] ?? ""))));
  const numeric = headers.map(
    (_, i) =>
      cells.length > 0 &&
      cells.every((r) => /^[-\d.,×x%\s]*(ms|s|MiB|req\/s)?$/.test(r[i] ?? "") && /\d/.test(r[i] ?? "")),
  );
  const line = (r: string[]) => `| ${r.map((c, i) => pad(c, widths[i], numeric[i])).join(" | ")} |`;
  const sep = `|${widths.map((w, i) => (numeric[i] ? `${"-".repeat(w + 1)}:` : "-".repeat(w + 2))).join("|")}|`;
  return [``, `### ${title}`, ``, line(headers), sep, ...cells.map(line), ...(note ? ["", note] : [])].join("\n");
}

export function targetsTable(targets: Target[]): string {
  return table(
    "Targets",
    ["section", "target", "required", "measured", "result"],
    targets.map((t) => [
      t.section,
      t.name,
      t.target,
      t.actual,
      `${t.pass ? "PASS" : "FAIL"}${t.otherCpu !== undefined && t.otherCpu > NOISY_OTHER_CPU ? ` (noisy: other CPU ${Math.round(t.otherCpu)}%)` : ""}`,
    ]),
    `"noisy": other processes on this shared machine used more than ${NOISY_OTHER_CPU}% of a core during that measurement; run again when it is quiet.`,
  );
}
