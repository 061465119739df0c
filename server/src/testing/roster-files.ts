import ExcelJS from "exceljs";
import { ROSTER_COLUMNS } from "../physicians/import/roster-columns";
import { makeIdNumber } from "./physicians";

/** Roster files for import tests: the template's columns, rows by field name, as .xlsx or .csv. */
export const ROSTER_HEADERS: string[] = ROSTER_COLUMNS.map((c) => c.header);
export const ROSTER_IMPORT = `mutation($file: Upload!) { importPhysicians(file: $file) {
  id fileName totalRows created updated refused
  rows(pageSize: 100) { total items { rowNumber outcome name idNumberMasked messages } }
} }`;

export type RosterRow = Partial<Record<(typeof ROSTER_COLUMNS)[number]["field"], string>>;
export const rosterRow = (r: RosterRow) => ROSTER_COLUMNS.map((c) => r[c.field] ?? "");
export const goodRosterRow = (over: RosterRow = {}): RosterRow => ({
  name: "李四",
  idNumber: makeIdNumber(),
  category: "临床",
  scopes: "内科专业、急救医学专业",
  level: "执业医师",
  title: "主治医师",
  firstPracticeDate: "2009-08-01",
  ...over,
});

export async function rosterXlsx(rows: string[][], headers = ROSTER_HEADERS): Promise<Buffer> {
  const wb = new ExcelJS.Workbook();
  const sheet = wb.addWorksheet("医师名册");
  sheet.addRow(headers);
  for (const r of rows) sheet.addRow(r);
  return Buffer.from(await wb.xlsx.writeBuffer());
}

export const rosterCsv = (rows: string[][], headers = ROSTER_HEADERS) =>
  [headers, ...rows]
    .map((r) => r.map((c) => (/[",\n]/.test(c) ? `"${c.replace(/"/g, '""')}"` : c)).join(","))
    .join("\r\n");
