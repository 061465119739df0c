import type { FileUpload } from "graphql-upload/processRequest.mjs";
import { In, type EntityManager } from "typeorm";
import { Application } from "../assessment/application.entity";
import { recordResult } from "../assessment/application.service";
import { resolveCycleId } from "../assessment/application-list";
import { TransitionBatch } from "../assessment/transition-batch";
import { STATUS_INFO } from "../assessment/workflow";
import { storeUpload } from "../attachments/attachments.service";
import { auditNow } from "../audit/audit";
import { Role, requirePrincipal } from "../common/auth";
import { AppError, badInput, ErrorCode, forbidden, invalidState, notFound } from "../common/errors";
import { maskIdNumber, normalizeIdNumber } from "../common/id-number";
import type { Context } from "../context";
import { inTransaction } from "../db/transaction";
import { Physician } from "../physicians/physician.entity";
import { NotASpreadsheetError, readSheetRows, type SheetRow } from "../physicians/import/roster-reader";
import { AttemptStatus } from "./test-attempt.entity";
import { TestPaper } from "./test-paper.entity";
import { RESULT_COLUMNS, type ResultField } from "./results-template";

/** 缺考 as written in a result cell. */
export const ABSENT_TEXT = "缺考";
/** A results file is checked and written whole in one transaction: keep it to what one sitting produces. */
export const MAX_RESULT_ROWS = 2000;

export interface ScoreEntry {
  applicationId: number;
  paperId: number;
  /** null with `absent`. */
  score: number | null;
  absent: boolean;
  expectedVersion?: number | null;
}

/**
 * 录入成绩 against a paper: the paper's pass mark decides 合格, 缺考 counts as failed, and the result moves
 * the application exactly as `recordTestResult` does (same transition, refusals, guard and timeline).
 */
export async function recordScore(
  ctx: Context,
  entry: ScoreEntry,
  inside?: EntityManager,
  file?: { batch: TransitionBatch; paper: TestPaper },
): Promise<Application> {
  const em = inside ?? ctx.ds.manager;
  // A results file has its papers and applications matched to the cycle already (parseRows).
  const paper = file ? file.paper : await em.findOneBy(TestPaper, { id: entry.paperId });
  const app = file ? null : await em.findOneBy(Application, { id: entry.applicationId });
  if (!paper || (app && app.cycleId !== paper.cycleId)) throw notFound("试卷");
  if (!entry.absent) {
    const score = entry.score;
    if (score === null || !Number.isFinite(score) || score < 0 || score > paper.fullMarks)
      throw badInput(`分数应在 0 到 ${paper.fullMarks} 之间`, "score");
  }
  return recordResult(
    ctx,
    {
      applicationId: entry.applicationId,
      testKind: paper.kind,
      score: entry.absent ? null : entry.score,
      passed: !entry.absent && entry.score! >= paper.passMark,
      status: entry.absent ? AttemptStatus.ABSENT : AttemptStatus.GRADED,
      paperId: paper.id,
      expectedVersion: entry.expectedVersion,
    },
    inside,
    file?.batch,
  );
}

// ---------------------------------------------------------------- batch import

export interface ResultImportRow {
  rowNumber: number;
  name: string;
  idNumberMasked: string;
  paperName: string;
  scoreText: string;
  ok: boolean;
  message: string | null;
  /** The application's status label after the row (when the file was written). */
  statusLabel: string | null;
}

export interface ResultImportReport {
  fileName: string;
  written: boolean;
  totalRows: number;
  accepted: number;
  refused: number;
  rows: ResultImportRow[];
}

interface ParsedResultRow {
  row: ResultImportRow;
  entry?: ScoreEntry;
  paper?: TestPaper;
  institutionId?: number;
  key?: string;
}

const byHeader = new Map<string, ResultField>(RESULT_COLUMNS.map((c) => [c.header.replace("*", ""), c.field]));

function mapResultHeaders(headers: string[]) {
  const fields = headers.map((h) => byHeader.get(String(h ?? "").replace(/[*＊\s]/g, "")) ?? null);
  const missing = RESULT_COLUMNS.filter((c) => c.required && !fields.includes(c.field)).map((c) =>
    c.header.replace("*", ""),
  );
  return { fields, missing };
}

class Rollback extends Error {}

async function readRows(ctx: Context, key: string): Promise<{ fields: (ResultField | null)[]; rows: SheetRow[] }> {
  let fields: (ResultField | null)[] | null = null;
  const rows: SheetRow[] = [];
  try {
    for await (const row of readSheetRows(() => ctx.storage.open(key))) {
      if (!fields) {
        const mapped = mapResultHeaders(row.cells);
        if (mapped.missing.length)
          throw badInput(`表头缺少列：${mapped.missing.join("、")}。请使用下载的成绩导入模板`, "file");
        fields = mapped.fields;
        continue;
      }
      if (row.cells.every((c) => !String(c ?? "").trim())) continue;
      rows.push(row);
      if (rows.length > MAX_RESULT_ROWS)
        throw badInput(`一个文件最多 ${MAX_RESULT_ROWS} 行成绩，请分成多个文件导入`, "file");
    }
  } catch (err) {
    if (err instanceof NotASpreadsheetError) {
      const what = err.at
        ? `文件在第 ${err.at.line} 行附近格式有误（${err.at.reason}）`
        : "文件不是有效的 Excel（.xlsx）或 CSV 表格，请使用下载的成绩导入模板";
      throw new AppError(ErrorCode.BAD_USER_INPUT, `${what}，未导入任何成绩`, { field: "file" });
    }
    throw err;
  }
  if (!fields || !rows.length) throw badInput("文件中没有成绩数据，请使用下载的模板填写后再导入", "file");
  return { fields, rows };
}

/** Checks each row against the file and the database; what can be known before writing. */
async function parseRows(
  ctx: Context,
  cycleId: number,
  fields: (ResultField | null)[],
  sheetRows: SheetRow[],
): Promise<ParsedResultRow[]> {
  const values = sheetRows.map((r) => {
    const v: Partial<Record<ResultField, string>> = {};
    fields.forEach((f, i) => {
      if (f) v[f] = String(r.cells[i] ?? "").trim();
    });
    return v;
  });
  const ids = values.map((v) => normalizeIdNumber(v.idNumber ?? ""));
  const wanted = [...new Set(ids.flatMap((id) => (id.ok ? [id.value] : [])))];
  const physicians = wanted.length
    ? await ctx.ds.getRepository(Physician).find({
        where: [{ idNumber: In(wanted) }, { legacyIdNumber: In(wanted) }],
        select: { id: true, name: true, idNumber: true, legacyIdNumber: true },
      })
    : [];
  const physicianByNumber = new Map<string, Pick<Physician, "id" | "name" | "idNumber">>();
  for (const p of physicians) {
    physicianByNumber.set(p.idNumber, p);
    if (p.legacyIdNumber) physicianByNumber.set(p.legacyIdNumber, p);
  }
  const apps = physicians.length
    ? await ctx.ds.getRepository(Application).find({
        where: { cycleId, physicianId: In(physicians.map((p) => p.id)) },
        select: { id: true, physicianId: true, institutionId: true },
      })
    : [];
  const appByPhysician = new Map(apps.map((a) => [a.physicianId, a.id]));
  const institutionOf = new Map(apps.map((a) => [a.id, a.institutionId]));
  const papers = await ctx.ds.getRepository(TestPaper).findBy({ cycleId });
  const paperByName = new Map(papers.map((p) => [p.name.trim(), p]));
  const seen = new Map<string, number>();

  return values.map((v, i) => {
    const id = ids[i];
    const row: ResultImportRow = {
      rowNumber: sheetRows[i].rowNumber,
      name: (v.name ?? "").slice(0, 64),
      idNumberMasked: id.ok ? maskIdNumber(id.value) : (v.idNumber ?? "").slice(0, 4) + "…",
      paperName: (v.paperName ?? "").slice(0, 128),
      scoreText: (v.score ?? "").slice(0, 16),
      ok: false,
      message: null,
      statusLabel: null,
    };
    const messages: string[] = [];
    const physician = id.ok ? physicianByNumber.get(id.value) : undefined;
    if (!v.idNumber) messages.push("请填写身份证号码");
    else if (!id.ok) messages.push(id.reason);
    else if (!physician) messages.push("未找到该身份证号码的医师");
    else if (v.name && v.name !== physician.name) messages.push(`姓名与身份证号码不符（系统中为 ${physician.name}）`);
    const applicationId = physician ? appByPhysician.get(physician.id) : undefined;
    if (physician && !applicationId) messages.push("该医师本周期没有考核申请");
    const paper = v.paperName ? paperByName.get(v.paperName) : undefined;
    if (!v.paperName) messages.push("请填写试卷名称");
    else if (!paper) messages.push(`本周期没有名为“${v.paperName}”的试卷`);
    const scoreText = (v.score ?? "").replace(/\s/g, "");
    const absent = scoreText === ABSENT_TEXT;
    const score = absent ? null : /^\d+(\.\d+)?$/.test(scoreText) ? Number(scoreText) : NaN;
    if (!scoreText) messages.push("请填写成绩（分数或“缺考”）");
    else if (!absent && Number.isNaN(score)) messages.push(`成绩“${scoreText}”应为分数或“缺考”`);
    else if (paper && score !== null && score > paper.fullMarks) messages.push(`分数应在 0 到 ${paper.fullMarks} 之间`);
    if (applicationId && paper) {
      const key = `${applicationId}:${paper.kind}`;
      const first = seen.get(key);
      if (first !== undefined) messages.push(`与第 ${first} 行是同一医师的同一项测评`);
      else seen.set(key, row.rowNumber);
    }
    if (messages.length) {
      row.message = messages.join("；");
      return { row };
    }
    return {
      row,
      entry: { applicationId: applicationId!, paperId: paper!.id, score, absent },
      paper,
      institutionId: institutionOf.get(applicationId!) ?? undefined,
    };
  });
}

/**
 * 成绩批量导入: every row is checked, then all rows are recorded in one transaction, each through the same
 * transition as a result entered by hand. One refused row — found while reading, or by the workflow
 * while writing — rolls the whole file back: the report lists every refused row and nothing is written.
 */
export async function importResults(ctx: Context, upload: Promise<FileUpload>): Promise<ResultImportReport> {
  const p = requirePrincipal(ctx);
  if (!p.roles.has(Role.ASSESSMENT_INSTITUTION)) throw forbidden();
  const cycleId = await resolveCycleId(ctx, null);
  if (!cycleId) throw invalidState("当前没有进行中的考核周期");
  const stored = await storeUpload(ctx, upload);
  const fileName = stored.fileName === "file" ? "成绩文件" : stored.fileName;
  let parsed: ParsedResultRow[];
  try {
    const { fields, rows } = await readRows(ctx, stored.key);
    parsed = await parseRows(ctx, cycleId, fields, rows);
  } finally {
    await ctx.storage.remove(stored.key);
  }
  let written = false;
  if (parsed.every((r) => r.entry)) {
    try {
      await inTransaction(ctx.ds, async (em) => {
        const batch = new TransitionBatch();
        await batch.lockInstitutions(
          em,
          parsed.flatMap((r) => (r.institutionId ? [r.institutionId] : [])),
        );
        for (const r of parsed) {
          try {
            const app = await recordScore(ctx, r.entry!, em, { batch, paper: r.paper! });
            r.row.statusLabel = STATUS_INFO[app.status].label;
          } catch (err) {
            if (!(err instanceof AppError)) throw err;
            r.row.message = err.message;
            r.entry = undefined;
          }
        }
        if (parsed.some((r) => !r.entry)) throw new Rollback();
        await batch.flush(em);
      });
      written = true;
    } catch (err) {
      if (!(err instanceof Rollback)) throw err;
    }
  }
  for (const r of parsed) {
    r.row.ok = !r.row.message;
    if (!written) r.row.statusLabel = null;
  }
  const refused = parsed.filter((r) => r.row.message).length;
  const report: ResultImportReport = {
    fileName,
    written,
    totalRows: parsed.length,
    accepted: parsed.length - refused,
    refused,
    rows: parsed.map((r) => r.row),
  };
  await auditNow(ctx.ds, ctx, {
    action: "exam.results.import",
    targetType: "Cycle",
    targetId: cycleId,
    detail: { fileName, written, totalRows: report.totalRows, refused },
  });
  return report;
}
