import { practiceCategories, referenceLists } from "../../catalogs/catalog";
import { PRACTISING_STATUS_LABEL } from "../physician.entity";
import { ROSTER_COLUMNS } from "./roster-columns";

/** The downloadable roster template: headers, one example row, and a sheet of allowed values. */
export async function rosterTemplateXlsx(): Promise<Buffer> {
  const { default: ExcelJS } = await import("exceljs"); // loaded when a template is first asked for
  const wb = new ExcelJS.Workbook();
  wb.creator = "医师定期考核信息登记管理系统";
  const sheet = wb.addWorksheet("医师名册");
  sheet.columns = ROSTER_COLUMNS.map((c) => ({
    header: c.header,
    key: c.field,
    width: Math.max(14, c.header.length * 3),
  }));
  sheet.getRow(1).font = { bold: true };
  sheet.getRow(1).fill = { type: "pattern", pattern: "solid", fgColor: { argb: "FFE8F1FB" } };
  sheet.addRow(Object.fromEntries(ROSTER_COLUMNS.map((c) => [c.field, c.example])));
  sheet.getColumn("idNumber").numFmt = "@"; // keep ID numbers as text, not 4.5E+17
  sheet.getColumn("firstPracticeDate").numFmt = "@";

  const help = wb.addWorksheet("填写说明");
  help.columns = [
    { header: "列", width: 20 },
    { header: "说明与可选值", width: 100 },
  ];
  help.getRow(1).font = { bold: true };
  const rows: [string, string][] = [
    ["必填列", "标 * 的列必填；第一行为表头，请勿修改"],
    ["身份证号码", "18 位（末位可为 X）或 15 位；请将单元格设为文本格式"],
    ["执业类别", practiceCategories.map((c) => c.name).join("、")],
    ...practiceCategories.map(
      (c) => [`执业范围（${c.name}）`, c.scopes.map((s) => s.name).join("、")] as [string, string],
    ),
    ["执业范围", "可填多个，用顿号“、”分隔"],
    ["医师级别", referenceLists.physicianLevels.map((l) => l.name).join("、")],
    ["职称", referenceLists.titles.flatMap((t) => t.names).join("、")],
    ["首次执业日期", "格式 YYYY-MM-DD，如 2008-07-01"],
    ["科室", "本机构已创建且已启用的科室名称，可留空"],
    ["执业状态", `${Object.values(PRACTISING_STATUS_LABEL).join("、")}；留空为执业中`],
    ["其他执业机构", "多机构执业时填写，多个用顿号分隔"],
    ["所属机构统一社会信用代码", "卫生行政部门导入时必填；医疗卫生机构导入时留空"],
  ];
  for (const r of rows) help.addRow(r);
  return Buffer.from(await wb.xlsx.writeBuffer());
}

export function rosterTemplateCsv(): Buffer {
  const quote = (s: string) => (/[",\n]/.test(s) ? `"${s.replace(/"/g, '""')}"` : s);
  const lines = [
    ROSTER_COLUMNS.map((c) => quote(c.header)).join(","),
    ROSTER_COLUMNS.map((c) => quote(c.example)).join(","),
  ];
  return Buffer.from(`\uFEFF${lines.join("\r\n")}\r\n`, "utf8");
}
