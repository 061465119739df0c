import type { Application } from "./application.entity";

type Column = keyof Application & string;

/** Read for every row whatever is asked: the keys, and what `applicationView` derives its labels from. */
const BASE: readonly Column[] = [
  "id",
  "cycleId",
  "physicianId",
  "institutionId",
  "departmentId",
  "procedure",
  "status",
  "exemptionStatus",
  "version",
];

/**
 * The further columns each field of a list row (`ApplicationView`) reads. A field not named here — those resolved
 * from the JSON columns, the timeline, the actions the caller may take — makes the list read every column, as it
 * did before this table; `__typename` reads nothing. application-list-columns.test.ts checks every field of the
 * type, one at a time, against a list read whole.
 */
export const FIELD_COLUMNS: Readonly<Record<string, readonly Column[]>> = {
  __typename: [],
  id: [],
  cycleId: [],
  physicianId: [],
  institutionId: [],
  departmentId: [],
  status: [],
  statusLabel: [],
  procedure: [],
  procedureLabel: [],
  exemptionStatus: [],
  exemptionStatusLabel: [],
  version: [],
  exemptedTest: ["exemptedTest"],
  exemptionReason: ["exemptionReason"],
  exemptionNote: ["exemptionNote"],
  exemptionRequestedAt: ["exemptionRequestedAt"],
  submittedAt: ["submittedAt"],
  returnReason: ["returnReason"],
  lastAction: ["lastAction"],
  lastActionAt: ["lastActionAt"],
  updatedAt: ["updatedAt"],
  // Resolved through loaders by the keys in BASE (primed from the list statement's joins).
  physician: [],
  departmentName: [],
  institutionName: [],
};

/** The columns a list row needs: everything but the large JSON columns (loaded only if a field asks). */
export const ALL_LIST_COLUMNS: readonly Column[] = [
  ...BASE,
  "exemptedTest",
  "exemptionReason",
  "exemptionNote",
  "exemptionRequestedAt",
  "submittedAt",
  "returnReason",
  "lastAction",
  "lastActionAt",
  "createdAt",
  "updatedAt",
];

/**
 * The columns to read for rows whose asked fields are `fields` (issue 15: a 考核进度 page asks for 9 of the row's
 * fields, and each column left out is less for MariaDB to send and for the driver to parse — a DATETIME most of
 * all). At most 2^10 distinct lists come out of it, whatever clients ask: the statement cache stays bounded.
 */
export function listColumnsFor(fields: ReadonlySet<string> | null): readonly Column[] {
  if (!fields) return ALL_LIST_COLUMNS;
  const extra = new Set<Column>();
  for (const field of fields) {
    const columns = FIELD_COLUMNS[field];
    if (!columns) return ALL_LIST_COLUMNS;
    for (const c of columns) extra.add(c);
  }
  // In ALL_LIST_COLUMNS order, so one set of fields gives one list (and one cached SELECT).
  return ALL_LIST_COLUMNS.filter((c) => BASE.includes(c) || extra.has(c));
}
