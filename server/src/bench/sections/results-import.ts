import ExcelJS from "exceljs";
import type { Connection } from "mysql2/promise";
import { RESULT_COLUMNS } from "../../exams/results-template";
import { prng } from "../../common/prng";
import { mib, ms } from "../common";
import type { BenchContext } from "../context";
import { pct } from "../context";
import { table } from "../report";
import { openBenchConnection } from "../seed";
import { snapshotApplications } from "../snapshot";
import { uploadInFreshServer, type UploadRun } from "./import";
import { ASSESSOR_USER } from "./hotpaths";

const IMPORT = `mutation($file: Upload!) { importTestResults(file: $file) { written totalRows accepted refused rows { rowNumber ok message } } }`;
type Report = {
  importTestResults: {
    written: boolean;
    totalRows: number;
    accepted: number;
    refused: number;
    rows: { rowNumber: number; ok: boolean; message: string | null }[];
  };
};

const ASSESSOR = 4;
/** Assessment institutions whose institutions the benchmark hands to ASSESSOR for the run (put back afterwards). */
const BORROWED = [5, 6, 7, 8];
const PAPERS = { HUMANITIES: "医学人文测评（基准测试）", PROFESSIONAL: "专业综合测评（基准测试）" } as const;
/** The product takes at most 2 000 rows per results file (exams/results.service.ts): 10 000 rows are five files. */
const PER_FILE = 2_000;
/** Live heap as a file doubles (1 000 vs 2 000 rows, one file each), and 10 000 rows as five files in one process. */
const RUNS = [
  { rows: 1_000, files: 1 },
  { rows: 2_000, files: 1 },
  { rows: 10_000, files: 5 },
];

interface Row {
  applicationId: number;
  idNumber: string;
  name: string;
  kind: keyof typeof PAPERS;
}

/** Rows of 待测评 applications without exemption: 人文 for every procedure, 专业 too for 一般程序. */
async function resultRows(conn: Connection, cycleId: number, wanted: number): Promise<Row[]> {
  const [apps] = await conn.query(
    `SELECT a.id AS applicationId, p.id_number AS idNumber, p.name, a.procedure_type AS proc
     FROM application a JOIN physician p ON p.id = a.physician_id JOIN institution i ON i.id = a.institution_id
     WHERE a.cycle_id = ? AND i.assessment_institution_id = ? AND a.status = 'AWAITING_TEST' AND a.exemption_status = 'NONE'
     ORDER BY a.id`,
    [cycleId, ASSESSOR],
  );
  const rows: Row[] = [];
  for (const { proc, ...a } of apps as { applicationId: number; idNumber: string; name: string; proc: string }[]) {
    rows.push({ ...a, kind: "HUMANITIES" });
    if (proc === "GENERAL") rows.push({ ...a, kind: "PROFESSIONAL" });
    if (rows.length >= wanted) break;
  }
  return rows.slice(0, wanted);
}

async function resultsFile(rows: Row[]): Promise<Buffer> {
  const r = prng(rows.length);
  const wb = new ExcelJS.Workbook();
  const sheet = wb.addWorksheet("测评成绩");
  sheet.columns = RESULT_COLUMNS.map((c) => ({ header: c.header, key: c.field }));
  for (const row of rows)
    sheet.addRow({
      idNumber: row.idNumber,
      name: row.name,
      paperName: PAPERS[row.kind],
      // Passing scores: a failed 人文 would send a 一般程序 application to 补考 and refuse its 专业 row (all or nothing).
      score: String(60 + Math.floor(r() * 41)),
    });
  return Buffer.from(await wb.xlsx.writeBuffer());
}

/**
 * 成绩批量导入 (importTestResults, all or nothing, one transaction) of 5 000 and 10 000 rows by an assessment
 * institution, each in a fresh server process with --expose-gc: time, and the live heap (after a forced GC) as the
 * rows double. Applications are put back exactly afterwards.
 */
export async function resultsImportSection(ctx: BenchContext): Promise<Record<string, unknown>> {
  const conn = await openBenchConnection();
  const [borrowed] = await conn.query(
    "SELECT id, assessment_institution_id AS owner FROM institution WHERE assessment_institution_id IN (?)",
    [BORROWED],
  );
  const lent = borrowed as { id: number; owner: number }[];
  const borrowedIds = lent.map((b) => b.id);
  const [who] = await conn.query("SELECT id FROM account WHERE username = ?", [ASSESSOR_USER]);
  const assessorAccount = (who as { id: number }[])[0].id;
  const paperIds: number[] = [];
  let snap: Awaited<ReturnType<typeof snapshotApplications>> | null = null;
  try {
    await conn.query("UPDATE institution SET assessment_institution_id = ? WHERE id IN (?)", [ASSESSOR, borrowedIds]);
    for (const [kind, name] of Object.entries(PAPERS)) {
      const [res] = await conn.query(
        `INSERT INTO test_paper (cycle_id, name, kind, window_start, window_end, pass_mark, full_marks, created_at, created_by_institution_id)
         VALUES (?, ?, ?, UTC_TIMESTAMP(3) - INTERVAL 1 DAY, UTC_TIMESTAMP(3) + INTERVAL 1 DAY, 60, 100, UTC_TIMESTAMP(3), ?)`,
        [ctx.dataset.cycleId, name, kind, ASSESSOR],
      );
      paperIds.push((res as { insertId: number }).insertId);
    }
    const all = await resultRows(conn, ctx.dataset.cycleId, Math.max(...RUNS.map((r) => r.rows)));
    snap = await snapshotApplications(conn, [...new Set(all.map((r) => r.applicationId))], [assessorAccount]);
    const runs: (UploadRun<Report> & {
      rows: number;
      files: number;
      written: boolean;
      accepted: number;
      refused: number;
    })[] = [];
    for (const plan of RUNS) {
      const rows = all.slice(0, plan.rows);
      const files = [];
      const size = Math.min(PER_FILE, Math.ceil(rows.length / plan.files));
      for (let k = 0; k < rows.length; k += size) {
        const part = rows.slice(k, k + size);
        files.push({
          name: `测评成绩-${files.length + 1}.xlsx`,
          content: await resultsFile(part),
          type: "application/vnd.openxmlformats-officedocument.spreadsheetml.sheet",
        });
      }
      ctx.log(`  ${rows.length} rows in ${files.length} file(s) …`);
      const run = await uploadInFreshServer<Report>({
        label: `results import ${rows.length}`,
        user: ASSESSOR_USER,
        mutation: IMPORT,
        files,
        withHeap: true,
      });
      const reports = run.data.map((d) => d.importTestResults);
      const refusals = reports.flatMap((r) => r.rows.filter((x) => !x.ok)).slice(0, 3);
      const written = reports.every((r) => r.written);
      const accepted = reports.reduce((n, r) => n + r.accepted, 0);
      const refused = reports.reduce((n, r) => n + r.refused, 0);
      ctx.log(
        `    written ${written}, ${accepted} accepted, ${refused} refused in ${run.seconds.toFixed(1)} s` +
          (refusals.length ? `; e.g. ${refusals.map((r) => `row ${r.rowNumber}: ${r.message}`).join(" | ")}` : ""),
      );
      runs.push({ ...run, rows: rows.length, files: files.length, written, accepted, refused });
      await snap!.restore();
    }
    const [a, b, c] = runs;
    const live = (r: UploadRun<Report>) => (r.heap ? r.heap.max - r.heap.baseline : NaN);
    ctx.print(
      table(
        "成绩批量导入 (importTestResults, .xlsx, one transaction per file, at most 2 000 rows a file) by an assessment institution, each run in a fresh server process with --expose-gc",
        [
          "rows",
          "time",
          "rows/s",
          "written",
          "accepted",
          "refused",
          "live heap before → max",
          "live heap growth",
          "peak RSS (VmHWM)",
          "server CPU",
          "MariaDB CPU",
          "other CPU",
        ],
        runs.map((r) => [
          `${r.rows} (${r.files} file${r.files > 1 ? "s" : ""})`,
          ms(r.seconds * 1000),
          (r.rows / r.seconds).toFixed(0),
          r.written ? "yes" : "NO",
          r.accepted,
          r.refused,
          r.heap ? `${mib(r.heap.baseline)} → ${mib(r.heap.max)}` : "n/a",
          mib(live(r)),
          mib(r.hwm),
          pct(r.serverCpu),
          pct(r.dbCpu),
          pct(r.otherCpu),
        ]),
        `Rows: 人文 for every 待测评 application of the assessment institution, 专业 as well for 一般程序 (${borrowedIds.length} institutions of ` +
          `its neighbours lent to it for the run). Live heap = heapUsed right after a forced full GC, every 500 ms; the time includes that GC.`,
      ),
    );
    const allWritten = runs.every((r) => r.written && r.accepted === r.rows);
    ctx.target({
      section: "results",
      name: `results import of ${c.rows} rows (${c.files} files): every row recorded, in ${ms(c.seconds * 1000)}`,
      target: "yes",
      actual: allWritten ? "yes" : "no",
      pass: allWritten,
    });
    ctx.target({
      section: "results",
      name: `live heap growth (after GC), ${b.rows} vs ${a.rows} rows`,
      target: "≤ 1.25× + 8 MiB",
      actual: `${mib(live(b))} vs ${mib(live(a))}`,
      pass: live(b) <= 1.25 * live(a) + 8 * 1048576,
    });
    return { runs: runs.map(({ data: _data, ...r }) => r) };
  } finally {
    await snap?.restore();
    await snap?.drop();
    if (paperIds.length) await conn.query("DELETE FROM test_paper WHERE id IN (?)", [paperIds]);
    for (const owner of BORROWED) {
      const ids = lent.filter((b) => b.owner === owner).map((b) => b.id);
      if (ids.length)
        await conn.query("UPDATE institution SET assessment_institution_id = ? WHERE id IN (?)", [owner, ids]);
    }
    await conn.end();
  }
}
