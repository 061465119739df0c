import type { AdministrationDashboardQuery } from "@/gql/graphql";
import { CHILD_LEVEL } from "./useDashboard";

type Dashboard = AdministrationDashboardQuery["administrationDashboard"];

/**
 * The table as shown, every status a column and the region's total last, as an .xlsx workbook built in the
 * browser from the numbers already on screen. ExcelJS (the library the server's roster import uses) is loaded
 * only when someone exports.
 */
export async function exportDashboard(d: Dashboard) {
  const { Workbook } = (await import("exceljs")).default;
  const statuses = d.summary.statusCounts;
  const book = new Workbook();
  const sheet = book.addWorksheet("辖区考核概况");
  sheet.addRow([CHILD_LEVEL[d.childLevel], "合计", ...statuses.map((s) => s.label), "完成率"]).font = { bold: true };
  for (const r of [...d.children, { ...d.summary, name: `${d.region.name}（合计）` }])
    sheet.addRow([
      r.name,
      r.total,
      ...statuses.map((s) => r.statusCounts.find((c) => c.status === s.status)?.count ?? 0),
      r.completion.rate,
    ]);
  sheet.getColumn(statuses.length + 3).numFmt = "0.0%";
  sheet.getColumn(1).width = 24;
  sheet.views = [{ state: "frozen", xSplit: 1, ySplit: 1 }];
  const data = await book.xlsx.writeBuffer();
  const url = URL.createObjectURL(
    new Blob([data], { type: "application/vnd.openxmlformats-officedocument.spreadsheetml.sheet" }),
  );
  const a = document.createElement("a");
  a.href = url;
  a.download = `辖区考核概况-${d.region.name}.xlsx`;
  a.click();
  setTimeout(() => URL.revokeObjectURL(url), 1000);
}
