import type { AdministrationDashboardQuery } from "@/gql/graphql";
import { CHILD_LEVEL } from "./useDashboard";

type Dashboard = AdministrationDashboardQuery["administrationDashboard"];

const cell = (v: string | number) => {
  const s = String(v);
  return /[",\n]/.test(s) ? `"${s.replace(/"/g, '""')}"` : s;
};

/** The table as shown, every status a column, as a UTF-8 CSV (with BOM, so Excel reads the Chinese). */
export function exportDashboard(d: Dashboard) {
  const statuses = d.summary.statusCounts;
  const head = [CHILD_LEVEL[d.childLevel], "合计", ...statuses.map((s) => s.label), "完成率"];
  const rows = [...d.children, { ...d.summary, code: d.region.code, name: `${d.region.name}（合计）` }].map((r) => [
    r.name,
    r.total,
    ...statuses.map((s) => r.statusCounts.find((c) => c.status === s.status)?.count ?? 0),
    `${Math.round(r.completion.rate * 1000) / 10}%`,
  ]);
  const text = "\ufeff" + [head, ...rows].map((r) => r.map(cell).join(",")).join("\r\n");
  const url = URL.createObjectURL(new Blob([text], { type: "text/csv;charset=utf-8" }));
  const a = document.createElement("a");
  a.href = url;
  a.download = `辖区考核概况-${d.region.name}.csv`;
  a.click();
  setTimeout(() => URL.revokeObjectURL(url), 1000);
}
