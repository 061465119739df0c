/** 名册导入 file checks before upload (the server reads the content and checks again). */
export const IMPORT_ACCEPT = ".xlsx,.csv,application/vnd.openxmlformats-officedocument.spreadsheetml.sheet,text/csv";
export const IMPORT_MAX_BYTES = 20 * 1024 * 1024;

/** Import templates served by the API (public: they hold no data). */
export const TEMPLATE_LINKS = [
  { href: "/templates/physician-roster.xlsx", label: "Excel 模板（.xlsx）", kind: "xlsx" },
  { href: "/templates/physician-roster.csv", label: "CSV 模板（.csv）", kind: "csv" },
] as const;

export function importFileProblem(file: File): string | null {
  if (!/\.(xlsx|csv)$/i.test(file.name)) return `“${file.name}”格式不支持，请上传 .xlsx 或 .csv 文件（可下载模板填写）`;
  if (file.size === 0) return `“${file.name}”是空文件`;
  if (file.size > IMPORT_MAX_BYTES) return `“${file.name}”超过 20 MB，请分批导入`;
  return null;
}
