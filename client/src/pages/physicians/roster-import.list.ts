import { IMPORT_OUTCOME } from "@/common/labels";
import { columns } from "@/components/list/columns";
import { filter } from "@/components/list/filters";
import type { ImportOutcome, PhysicianImportReportQuery } from "@/gql/graphql";

/** 名册导入's report as a list: every row of the file with its outcome and reasons. */

export type ImportReportRow = PhysicianImportReportQuery["physicianImport"]["rows"]["items"][number];

export const outcomeOptions = Object.entries(IMPORT_OUTCOME).map(([value, o]) => ({
  value: value as ImportOutcome,
  label: o.label,
}));

/** The outcome is chosen with the radio group above the report. */
export const importReportFilters = [filter.enum("outcome", "结果", outcomeOptions, { hidden: true })] as const;

const col = columns<ImportReportRow>();

export const importReportColumns = [
  col.text("rowNumber", "行号", (r) => r.rowNumber, { width: 80, align: "center" }),
  col.text("name", "姓名", (r) => r.name, { width: 120 }),
  col.idNumber((r) => r.idNumberMasked, { width: 190 }),
  col.enum("outcome", "结果", (r) => ({ label: r.outcomeLabel, tag: IMPORT_OUTCOME[r.outcome].tag }), {
    width: 90,
    align: "center",
  }),
  col.slot("messages", "原因", { minWidth: 320 }),
];
