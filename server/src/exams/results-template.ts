import { spreadsheetTemplateRouter } from "../common/template-route";

/** The results template's columns: header text → field. `*` marks required ones. */
export const RESULT_COLUMNS = [
  { header: "身份证号码*", field: "idNumber", example: "450102198001011237", required: true },
  { header: "姓名", field: "name", example: "张三", required: false },
  { header: "试卷名称*", field: "paperName", example: "医学人文测评（第一场）", required: true },
  { header: "成绩*", field: "score", example: "86", required: true },
] as const;

export type ResultField = (typeof RESULT_COLUMNS)[number]["field"];

export async function resultsTemplateXlsx(): Promise<Buffer> {
  const { default: ExcelJS } = await import("exceljs"); // loaded when a template is first asked for
  const wb = new ExcelJS.Workbook();
  wb.creator = "医师定期考核信息登记管理系统";
  const sheet = wb.addWorksheet("测评成绩");
  sheet.columns = RESULT_COLUMNS.map((c) => ({
    header: c.header,
    key: c.field,
    width: c.field === "paperName" ? 36 : 22,
  }));
  sheet.getRow(1).font = { bold: true };
  sheet.addRow(Object.fromEntries(RESULT_COLUMNS.map((c) => [c.field, c.example])));
  sheet.getColumn("idNumber").numFmt = "@";
  const help = wb.addWorksheet("填写说明");
  help.columns = [
    { header: "列", width: 16 },
    { header: "说明", width: 90 },
  ];
  help.getRow(1).font = { bold: true };
  for (const r of [
    ["身份证号码", "18 位（末位可为 X）或 15 位；请将单元格设为文本格式"],
    ["姓名", "可留空；填写时须与身份证号码对应的医师一致"],
    ["试卷名称", "与“测评管理”中本周期试卷的名称完全一致"],
    ["成绩", "0 到试卷满分之间的分数，或填“缺考”（视为该项测评不合格）"],
    ["导入规则", "整个文件逐行校验；任一行有误则整个文件不导入，报告列出每个有误的行"],
  ])
    help.addRow(r);
  return Buffer.from(await wb.xlsx.writeBuffer());
}

export function resultsTemplateCsv(): Buffer {
  const lines = [RESULT_COLUMNS.map((c) => c.header).join(","), RESULT_COLUMNS.map((c) => c.example).join(",")];
  return Buffer.from(`\uFEFF${lines.join("\r\n")}\r\n`, "utf8");
}

/** GET /templates/test-results.xlsx and .csv: the results import template. */
export const resultsTemplateRouter = () =>
  spreadsheetTemplateRouter("/templates/test-results", "测评成绩导入模板", resultsTemplateXlsx, resultsTemplateCsv);
