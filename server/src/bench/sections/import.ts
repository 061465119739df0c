import { existsSync, readFileSync, rmSync } from "node:fs";
import os from "node:os";
import path from "node:path";
import { performance } from "node:perf_hooks";
import ExcelJS from "exceljs";
import type { Connection } from "mysql2/promise";
import { ROSTER_COLUMNS } from "../../physicians/import/roster-columns";
import { sampleRss, startChild } from "../children";
import { prng } from "../../common/prng";
import { BENCH_PASSWORD, mib, ms, USERS } from "../common";
import { databasePid, pct, withCpu, type BenchContext } from "../context";
import { gql, login, upload } from "../gql";
import { table } from "../report";
import { benchIdNumber, chineseName, INST, openBenchConnection, recountInstitution } from "../seed";

const IMPORT = `mutation($file: Upload!) { importPhysicians(file: $file) { id totalRows created updated refused } }`;
const REFUSED = `query($id: Int!) { physicianImport(id: $id) { rows(outcome: REFUSED, pageSize: 5) { total items { rowNumber messages } } } }`;

/** A roster file as users fill the template: valid rows, new ID numbers (serials far above the seeded ones). */
export async function rosterFile(
  rows: number,
  firstSerial: number,
  countyCode: string,
  departments: string[],
): Promise<Buffer> {
  const r = prng(firstSerial);
  const wb = new ExcelJS.Workbook();
  const sheet = wb.addWorksheet("医师名册");
  sheet.columns = ROSTER_COLUMNS.map((c) => ({ header: c.header, key: c.field }));
  for (let k = 0; k < rows; k++) {
    sheet.addRow({
      name: chineseName(r),
      idNumber: benchIdNumber(countyCode, firstSerial + k),
      phone: `138${String(10_000_000 + k).slice(-8)}`,
      qualificationCertNo: `20104511045${String(k).padStart(6, "0")}`,
      practiceCertNo: `1104502${String(k).padStart(8, "0")}`,
      category: "临床",
      scopes: r() < 0.7 ? "内科专业" : "外科专业、急救医学专业",
      level: r() < 0.85 ? "执业医师" : "执业助理医师",
      title: r() < 0.5 ? "主治医师" : "医师",
      firstPracticeDate: "2018-07-01",
      departmentName: departments.length && r() < 0.9 ? departments[Math.floor(r() * departments.length)] : "",
      practisingStatus: "执业中",
      otherSites: r() < 0.05 ? "柳州市工人医院" : "",
      institutionCreditCode: "",
    });
  }
  return Buffer.from(await wb.xlsx.writeBuffer());
}

/** Removes what imports created (physicians above the seeded ids, their accounts and applications, the reports). */
async function cleanUp(conn: Connection, maxPhysicianId: number) {
  await conn.query(
    "DELETE r FROM import_row_result r JOIN import_job j ON j.id = r.job_id WHERE j.institution_id = ?",
    [INST.importer],
  );
  await conn.query("DELETE FROM import_job WHERE institution_id = ?", [INST.importer]);
  await conn.query("DELETE FROM account WHERE physician_id > ?", [maxPhysicianId]);
  await conn.query("DELETE FROM application WHERE physician_id > ?", [maxPhysicianId]);
  await conn.query("DELETE FROM physician_transfer WHERE physician_id > ?", [maxPhysicianId]);
  await conn.query("DELETE FROM physician WHERE id > ?", [maxPhysicianId]);
  await recountInstitution(conn, INST.importer);
}

interface ImportRun {
  rows: number;
  fileBytes: number;
  seconds: number;
  created: number;
  refused: number;
  rssBefore: number;
  peakRss: number;
  hwm: number;
  serverCpu: number;
  dbCpu: number;
  otherCpu: number;
  /** Largest heapUsed right after a full GC during the import (a second run with --expose-gc), and before it. */
  liveHeap: { baseline: number; max: number; samples: number; seconds: number } | null;
  refusals: string[];
}

/** What one upload in a fresh server process measured. */
export interface UploadRun<T> {
  seconds: number;
  /** One answer per file, in order. */
  data: T[];
  rssBefore: number;
  peakRss: number;
  hwm: number;
  serverCpu: number;
  dbCpu: number;
  otherCpu: number;
  heap: { baseline: number; max: number; samples: number; seconds: number } | null;
}

/**
 * One multipart import in a fresh GraphQL server process, so its peak RSS belongs to that import; with `withHeap`
 * the server runs with --expose-gc and records its live heap (graphql-server.ts). `after` may still query the
 * server (refusal reports) before it stops.
 */
export async function uploadInFreshServer<T>(o: {
  label: string;
  user: string;
  mutation: string;
  /** Uploaded one after the other to the same server. */
  files: { name: string; content: Buffer; type: string }[];
  withHeap: boolean;
  after?: (url: string, cookie: string, data: T) => Promise<void>;
}): Promise<UploadRun<T>> {
  const heapFile = path.join(os.tmpdir(), `pa-bench-heap-${process.pid}-${Date.now()}.json`);
  rmSync(heapFile, { force: true });
  const server = await startChild(
    `GraphQL server (${o.label}${o.withHeap ? ", live heap" : ""})`,
    "graphql-server.ts",
    o.withHeap ? { BENCH_HEAP_FILE: heapFile } : {},
    o.withHeap ? ["--expose-gc"] : [],
  );
  const db = databasePid();
  try {
    const cookie = await login(server.url, o.user, BENCH_PASSWORD);
    const rssBefore = server.memory().rss;
    const sampler = sampleRss(server.pid);
    const t0 = performance.now();
    const { result: answers, cpu } = await withCpu({ server: server.pid, db }, async () => {
      const out: T[] = [];
      for (const file of o.files) {
        const res = await upload<T>(server.url, cookie, o.mutation, "file", file);
        if (res.errors?.length) throw new Error(`${o.label} failed: ${JSON.stringify(res.errors).slice(0, 500)}`);
        out.push(res.data!);
      }
      return out;
    });
    const seconds = (performance.now() - t0) / 1000;
    const peakRss = sampler.stop();
    for (const data of answers) await o.after?.(server.url, cookie, data);
    const hwm = server.memory().hwm;
    await server.stop();
    const heap =
      o.withHeap && existsSync(heapFile)
        ? (JSON.parse(readFileSync(heapFile, "utf8")) as { baseline: number; maxLive: number; samples: number })
        : null;
    rmSync(heapFile, { force: true });
    return {
      seconds,
      data: answers,
      rssBefore,
      peakRss,
      hwm,
      serverCpu: cpu.server,
      dbCpu: cpu.db,
      otherCpu: cpu.other,
      heap: heap ? { baseline: heap.baseline, max: heap.maxLive, samples: heap.samples, seconds } : null,
    };
  } finally {
    await server.stop();
  }
}

type RosterResult = { importPhysicians: { id: number; totalRows: number; created: number; refused: number } };

async function importOnce(rows: number, file: Buffer, withHeap: boolean) {
  const refusals: string[] = [];
  const run = await uploadInFreshServer<RosterResult>({
    label: `import ${rows}`,
    user: USERS.importer,
    mutation: IMPORT,
    files: [
      {
        name: `医师名册-${rows}.xlsx`,
        content: file,
        type: "application/vnd.openxmlformats-officedocument.spreadsheetml.sheet",
      },
    ],
    withHeap,
    after: async (url, cookie, data) => {
      const job = data.importPhysicians;
      if (!job.refused) return;
      const report = await gql<{ physicianImport: { rows: { items: { rowNumber: number; messages: string[] }[] } } }>(
        url,
        cookie,
        REFUSED,
        { id: job.id },
      );
      for (const r of report.physicianImport.rows.items) refusals.push(`row ${r.rowNumber}: ${r.messages.join("; ")}`);
    },
  });
  return { ...run, job: run.data[0].importPhysicians, refusals };
}

/**
 * Roster import through the multipart importPhysicians mutation, 10 000 and 20 000 rows, each in a
 * fresh GraphQL server process so its peak RSS (VmHWM, and VmRSS sampled every 20 ms) belongs to that import.
 */
export async function importSection(ctx: BenchContext): Promise<Record<string, unknown>> {
  const conn = await openBenchConnection();
  try {
    await cleanUp(conn, ctx.dataset.maxPhysicianId);
    const [deps] = await conn.query("SELECT name FROM department WHERE institution_id = ? AND enabled = 1", [
      INST.importer,
    ]);
    const [inst] = await conn.query("SELECT county_code AS county FROM institution WHERE id = ?", [INST.importer]);
    const county = (inst as { county: string }[])[0].county;
    const departments = (deps as { name: string }[]).map((d) => d.name);
    const runs: ImportRun[] = [];
    for (const [rows, firstSerial] of [
      [10_000, 1_000_000],
      [20_000, 1_100_000],
    ] as const) {
      const file = await rosterFile(rows, firstSerial, county, departments);
      ctx.log(`  ${rows} rows (${mib(file.length)} .xlsx) …`);
      // Peak RSS depends on when V8 happens to collect: the median of three fresh processes is what is compared.
      const plains = [];
      for (let k = 0; k < 3; k++) {
        plains.push(await importOnce(rows, file, false));
        await cleanUp(conn, ctx.dataset.maxPhysicianId);
      }
      const plain = plains.sort((x, y) => x.hwm - x.rssBefore - (y.hwm - y.rssBefore))[1];
      ctx.log(`    VmHWM growth of the three runs: ${plains.map((x) => mib(x.hwm - x.rssBefore)).join(", ")}`);
      ctx.log(
        `    ${plain.job.created} created, ${plain.job.refused} refused in ${plain.seconds.toFixed(1)} s; peak RSS ${mib(plain.hwm)}; again with --expose-gc for the live heap …`,
      );
      if (plain.refusals.length) ctx.log(`    refused: ${plain.refusals.join(" | ")}`);
      const traced = await importOnce(rows, file, true);
      await cleanUp(conn, ctx.dataset.maxPhysicianId);
      runs.push({
        rows,
        fileBytes: file.length,
        seconds: plain.seconds,
        created: plain.job.created,
        refused: plain.job.refused,
        rssBefore: plain.rssBefore,
        peakRss: plain.peakRss,
        hwm: plain.hwm,
        serverCpu: plain.serverCpu,
        dbCpu: plain.dbCpu,
        otherCpu: plain.otherCpu,
        liveHeap: traced.heap,
        refusals: plain.refusals,
      });
    }
    const [a, b] = runs;
    ctx.print(
      table(
        "Roster import (.xlsx, valid rows) through importPhysicians, each in a fresh server process (the run of median VmHWM growth of three)",
        [
          "rows",
          "file",
          "time",
          "rows/s",
          "created",
          "refused",
          "RSS before",
          "peak RSS (sampled)",
          "VmHWM",
          "growth over before",
          "live heap before → max",
          "server CPU",
          "MariaDB CPU",
          "other CPU",
        ],
        runs.map((r) => [
          r.rows,
          mib(r.fileBytes),
          ms(r.seconds * 1000),
          (r.rows / r.seconds).toFixed(0),
          r.created,
          r.refused,
          mib(r.rssBefore),
          mib(r.peakRss),
          mib(r.hwm),
          mib(r.hwm - r.rssBefore),
          r.liveHeap ? `${mib(r.liveHeap.baseline)} → ${mib(r.liveHeap.max)}` : "n/a",
          pct(r.serverCpu),
          pct(r.dbCpu),
          pct(r.otherCpu),
        ]),
        `Doubling the file changed peak RSS by ${mib(b.hwm - a.hwm)} (${((b.hwm / a.hwm - 1) * 100).toFixed(0)}%). ` +
          `Live heap = heapUsed right after a forced full GC, sampled every 500 ms in a second run with --expose-gc: what the import really holds.` +
          (runs.some((r) => r.refusals.length)
            ? `\nRefused rows: ${runs
                .flatMap((r) => r.refusals)
                .slice(0, 6)
                .join(" | ")}`
            : ""),
      ),
    );
    const grows = (x: number, y: number) => `${mib(y)} vs ${mib(x)}`;
    const rssFlat = b.hwm - b.rssBefore <= 1.25 * (a.hwm - a.rssBefore) + 8 * 1048576;
    ctx.target({
      section: "import",
      name: "import of 10 000 rows",
      target: "< 15 s",
      actual: ms(a.seconds * 1000),
      pass: a.seconds < 15,
      otherCpu: a.otherCpu,
    });
    ctx.target({
      section: "import",
      name: "peak RSS growth (VmHWM − before, median of 3), 20 000 vs 10 000 rows",
      target: "≤ 1.25× + 8 MiB",
      actual: grows(a.hwm - a.rssBefore, b.hwm - b.rssBefore),
      pass: rssFlat,
    });
    if (a.liveHeap && b.liveHeap) {
      const liveA = a.liveHeap.max - a.liveHeap.baseline;
      const liveB = b.liveHeap.max - b.liveHeap.baseline;
      ctx.target({
        section: "import",
        name: "live heap growth (after GC), 20 000 vs 10 000 rows",
        target: "≤ 1.25× + 8 MiB",
        actual: grows(liveA, liveB),
        pass: liveB <= 1.25 * liveA + 8 * 1048576,
      });
    }
    const allCreated = runs.every((r) => r.created === r.rows);
    ctx.target({
      section: "import",
      name: "every valid row created",
      target: "yes",
      actual: allCreated ? "yes" : `no: ${runs.map((r) => r.refused).join(" + ")} refused`,
      pass: allCreated,
    });
    return { runs };
  } finally {
    await conn.end();
  }
}
