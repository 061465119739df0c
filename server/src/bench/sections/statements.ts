import { performance } from "node:perf_hooks";
import { In } from "typeorm";
import { createPool } from "mysql2/promise";
import { principalFromSession } from "../../accounts/principal";
import { invalidatePrincipals } from "../../accounts/principal-cache";
import { forgetShapedSql } from "../../db/shaped-query";
import { LoaderRegistry } from "../../common/loaders";
import { ApplicationSort, listApplications, resolveCycleId } from "../../assessment/application-list";
import type { Context } from "../../context";
import { Department } from "../../departments/department.entity";
import { Physician } from "../../physicians/physician.entity";
import { startRecordingApp } from "../recording-app";
import { BENCH_PASSWORD, benchDbUrl, ms, USERS } from "../common";
import type { BenchContext } from "../context";
import { gql, login } from "../gql";
import { table } from "../report";
import { INST } from "../seed";
import { progressPageSql } from "../raw-sql";
import { filterTotals, PROGRESS_FILTERS, PROGRESS_QUERY } from "./progress";
import { REGION_QUERY } from "./region";

const oneLine = (sql: string) => sql.replace(/\s+/g, " ").trim();
/** SELECT `a`.`id` AS `a_id`, … FROM → SELECT … FROM (for the report). */
const shorten = (sql: string) =>
  oneLine(sql)
    .replace(/^SELECT (.{60}).*? FROM /, "SELECT $1… FROM ")
    .slice(0, 220);

/**
 * In-process (createApp with a QueryCounter logger, as the tests do): SQL statements per request
 * for the progress page at pageSize 10 and 100, plus EXPLAIN and timings of its statements.
 */
export async function statementsSection(ctx: BenchContext): Promise<Record<string, unknown>> {
  const app = await startRecordingApp();
  const { counter, ds } = app;
  try {
    const cookie = await login(app.url, USERS.big, BENCH_PASSWORD);
    const totals = await filterTotals(ctx.dataset.cycleId);
    const run = async (query: string, variables: Record<string, unknown>, who = cookie) => {
      counter.reset();
      await gql(app.url, who, query, variables);
      return { count: counter.count, statements: counter.statements.map(oneLine), parameters: counter.parameters };
    };
    const statuses = PROGRESS_FILTERS[2];
    await run(PROGRESS_QUERY, { filter: { statuses }, page: 1, pageSize: 20 }); // warm
    const sizes = [10, 100];
    const measured = [];
    for (const pageSize of sizes)
      measured.push({ pageSize, ...(await run(PROGRESS_QUERY, { filter: { statuses }, page: 2, pageSize })) });
    const unfiltered = await run(PROGRESS_QUERY, { filter: null, page: 1, pageSize: 100 });
    const provinceCookie = await login(app.url, USERS.province, BENCH_PASSWORD);
    const region = await run(REGION_QUERY, {}, provinceCookie);

    ctx.print(
      table(
        "SQL statements per request (in-process, TypeORM logger)",
        ["request", "statements"],
        [
          ...measured.map((m) => [`applications(statuses: [AWAITING_TEST], pageSize: ${m.pageSize})`, m.count]),
          ["applications(no filter, pageSize: 100)", unfiltered.count],
          ["regionProgress(groupBy: CITY)", region.count],
          ["raw baseline, progress page (auth + count + page)", 3],
        ],
        `Statements of the progress page (pageSize 100):\n${measured[1].statements.map((s, i) => `  ${i + 1}. ${shorten(s)}`).join("\n")}`,
      ),
    );
    const equal = measured[0].count === measured[1].count;
    ctx.target({
      section: "statements",
      name: "progress page statements, pageSize 10 vs 100",
      target: "equal",
      actual: `${measured[0].count} vs ${measured[1].count}`,
      pass: equal,
    });

    // EXPLAIN and time the list statements on the first and the last page of the whole list (OFFSET cost, lesson 3).
    const lastPage = Math.ceil(totals[0] / 20);
    const pageRuns: { page: number; statements: string[]; parameters: unknown[][] }[] = [];
    for (const page of [1, lastPage]) {
      const r = await run(PROGRESS_QUERY, { filter: null, page, pageSize: 20 });
      pageRuns.push({ page, statements: r.statements, parameters: r.parameters });
    }
    const explained: Record<string, unknown>[] = [];
    const timingRows: string[][] = [];
    for (const pr of pageRuns) {
      for (let i = 0; i < pr.statements.length; i++) {
        const sql = pr.statements[i];
        if (!/FROM `application`/.test(sql) || /session/.test(sql)) continue;
        const plan = (await ds.query(`EXPLAIN ${sql}`, pr.parameters[i])) as Record<string, unknown>[];
        const t0 = performance.now();
        const reps = 20;
        for (let k = 0; k < reps; k++) await ds.query(sql, pr.parameters[i]);
        const each = (performance.now() - t0) / reps;
        const kind = /COUNT\(/i.test(sql) ? "count" : "page";
        explained.push({ page: pr.page, kind, sql, plan, msEach: each });
        timingRows.push([
          `page ${pr.page}: service's ${kind}`,
          ms(each),
          plan
            .map((p) => `${p.table}:${p.type}/${p.key ?? "-"} rows=${p.rows}${p.Extra ? ` (${p.Extra})` : ""}`)
            .join("; "),
        ]);
      }
      // The same page as a deferred join (ids from the covering index first), for comparison.
      const deferred = progressPageSql([], pr.page, 20);
      const params = [ctx.dataset.cycleId, INST.big];
      const plan = (await ds.query(`EXPLAIN ${deferred}`, params)) as Record<string, unknown>[];
      const t0 = performance.now();
      for (let k = 0; k < 20; k++) await ds.query(deferred, params);
      const each = (performance.now() - t0) / 20;
      explained.push({ page: pr.page, kind: "deferred join", sql: oneLine(deferred), plan, msEach: each });
      timingRows.push([
        `page ${pr.page}: deferred join (raw baseline)`,
        ms(each),
        plan
          .map((p) => `${p.table}:${p.type}/${p.key ?? "-"} rows=${p.rows}${p.Extra ? ` (${p.Extra})` : ""}`)
          .join("; "),
      ]);
    }
    ctx.print(
      table(
        `The list's own SQL on the big hospital (no filter, ${totals[0]} rows): first vs last page, 20 runs each, sequential`,
        ["statement", "time each", "EXPLAIN"],
        timingRows,
      ),
    );
    const nodeCost = await nodeCostPerCall(ctx, ds, cookie);
    return {
      nodeCostPerCall: nodeCost,
      perPageSize: measured.map((m) => ({ pageSize: m.pageSize, count: m.count, statements: m.statements })),
      unfiltered: { count: unfiltered.count, statements: unfiltered.statements },
      regionProgress: { count: region.count, statements: region.statements },
      explain: explained,
      institution: INST.big,
    };
  } finally {
    await app.close();
  }
}

/**
 * Node-side CPU of each data-access call the progress page makes (TypeORM + mysql2 in this process;
 * the database's own work is not in it), next to the raw mysql2 statements of the baseline.
 */
async function nodeCostPerCall(ctx: BenchContext, ds: import("typeorm").DataSource, cookie: string) {
  const token = cookie.slice("pa_sid=".length);
  const { principal } = await principalFromSession(ds, token, 30);
  const fakeCtx = {
    ds,
    principal,
    get loaders() {
      return new LoaderRegistry(ds);
    },
  } as unknown as Context;
  const cycleId = ctx.dataset.cycleId;
  const page = await listApplications(fakeCtx, {}, ApplicationSort.ID, { page: 3, pageSize: 20 });
  const physicianIds = page.items.map((a) => a.physicianId);
  const departmentIds = [...new Set(page.items.map((a) => a.departmentId).filter((d): d is number => !!d))];
  const pool = createPool({ uri: benchDbUrl(), connectionLimit: 2, timezone: "Z", supportBigNumbers: true });
  const calls: [string, () => Promise<unknown>][] = [
    [
      "session → principal, principal cache emptied before each call (lever off: one statement, 3 joins)",
      () => (invalidatePrincipals(), principalFromSession(ds, token, 30)),
    ],
    [
      "session → principal, cached (lever on: the session read in the last second)",
      () => principalFromSession(ds, token, 30),
    ],
    ["resolveCycleId (province from the principal, cycle id cached 10 s)", () => resolveCycleId(fakeCtx, undefined)],
    [
      "listApplications page 3, SQL built by the query builder each call (lever off)",
      () => (forgetShapedSql(ds), listApplications(fakeCtx, {}, ApplicationSort.ID, { page: 3, pageSize: 20 })),
    ],
    [
      "listApplications page 3, SQL text of the filter shape reused (lever on; one page statement, counters total inside it)",
      () => listApplications(fakeCtx, {}, ApplicationSort.ID, { page: 3, pageSize: 20 }),
    ],
    [
      "for comparison: physicianById batch of 20 (find In, full entities)",
      () => ds.getRepository(Physician).find({ where: { id: In(physicianIds) }, withDeleted: true }),
    ],
    [
      "for comparison: departmentById batch (findBy In)",
      () => ds.getRepository(Department).findBy({ id: In(departmentIds) }),
    ],
    [
      "raw: same page 3 as deferred join, TypeORM ds.query",
      () => ds.query(progressPageSql([], 3, 20), [cycleId, INST.big]),
    ],
    [
      "raw: same page 3 as deferred join, mysql2 execute",
      () => pool.execute(progressPageSql([], 3, 20), [cycleId, INST.big]),
    ],
  ];
  const rows: (string | number)[][] = [];
  const out: { call: string; cpuMs: number; wallMs: number }[] = [];
  // Rounds alternate between the calls, so a burst of other load on the machine hits all of them alike.
  const rounds = 4;
  const perRound = 50;
  const n = rounds * perRound;
  try {
    for (const [, call] of calls) for (let k = 0; k < 20; k++) await call();
    const cpuMs = calls.map(() => 0);
    const wallMs = calls.map(() => 0);
    for (let round = 0; round < rounds; round++) {
      for (const [i, [, call]] of calls.entries()) {
        const cpu0 = process.cpuUsage();
        const t0 = performance.now();
        for (let k = 0; k < perRound; k++) await call();
        wallMs[i] += performance.now() - t0;
        const cpu = process.cpuUsage(cpu0);
        cpuMs[i] += (cpu.user + cpu.system) / 1000;
      }
    }
    for (const [i, [label]] of calls.entries()) {
      out.push({ call: label, cpuMs: cpuMs[i] / n, wallMs: wallMs[i] / n });
      rows.push([label, ms(cpuMs[i] / n), ms(wallMs[i] / n)]);
    }
  } finally {
    await pool.end();
  }
  ctx.print(
    table(
      `Node-side CPU per data-access call of the progress page (in-process, ${n} sequential calls each in ${rounds} alternating rounds; database time excluded from CPU)`,
      ["call", "Node CPU / call", "wall / call"],
      rows,
    ),
  );
  return out;
}
