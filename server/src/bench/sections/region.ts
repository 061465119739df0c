import { BENCH_PASSWORD, ms, USERS } from "../common";
import { databasePid, pct, withCpu, type BenchContext } from "../context";
import { login } from "../gql";
import { graphqlError, request, runLoad, type LatencyStats, type RequestSpec } from "../load";
import { table } from "../report";
import { openBenchConnection } from "../seed";
import { performance } from "node:perf_hooks";
import { isDeepStrictEqual } from "node:util";
import { statsOf } from "../load";

export const REGION_QUERY = `query { regionProgress(input: { groupBy: CITY }) {
  code name total statusCounts { status count } completion { enrolled finished qualified unqualified rate }
} }`;

interface Run {
  label: string;
  sequential: LatencyStats;
  concurrent: LatencyStats;
  cpu: Record<string, number>;
  /** Other processes' CPU during the sequential part. */
  seqOther: number;
}

/** Province-wide counts per city: regionProgress (counters) vs the same counters by raw SQL vs a live GROUP BY. */
export async function regionSection(ctx: BenchContext): Promise<Record<string, unknown>> {
  const [graphql, raw] = [await ctx.graphql(), await ctx.raw()];
  const cookie = await login(graphql.url, USERS.province, BENCH_PASSWORD);
  const gqlSpec: RequestSpec = {
    method: "POST",
    path: "/graphql",
    headers: { "content-type": "application/json", cookie },
    body: JSON.stringify({ query: REGION_QUERY }),
  };
  const rawSpec = (path: string): RequestSpec => ({ method: "GET", path, headers: { cookie } });

  // The counters must give the live numbers, and the raw twin the service's whole answer (the same work).
  type Rollup = { code: string; total: number }[] | undefined;
  const answer = async (url: string, spec: RequestSpec) =>
    JSON.parse((await request(url, spec)).body.toString()).data?.regionProgress as Rollup;
  const viaGraphql = await answer(graphql.url, gqlSpec);
  const live = await answer(raw.url, rawSpec("/rollup/live"));
  const viaCounters = await answer(raw.url, rawSpec("/rollup/counters"));
  const same =
    JSON.stringify(viaGraphql?.map((c) => [c.code, c.total])) === JSON.stringify(live?.map((c) => [c.code, c.total]));
  const sameAnswer = !!viaGraphql?.length && isDeepStrictEqual(viaGraphql, viaCounters);
  if (!same || !sameAnswer)
    ctx.log(
      `  roll-ups differ:\n    graphql ${JSON.stringify(viaGraphql).slice(0, 400)}\n    live    ${JSON.stringify(live).slice(0, 400)}` +
        `\n    raw     ${JSON.stringify(viaCounters).slice(0, 400)}`,
    );

  const db = databasePid();
  const seqCalls = 50;
  const concurrentMs = 5_000;
  const runs: Run[] = [];
  const plans: [string, string, RequestSpec, number, number][] = [
    ["regionProgress (GraphQL, counters)", graphql.url, gqlSpec, seqCalls, concurrentMs],
    ["raw SQL over region_status_counter", raw.url, rawSpec("/rollup/counters"), seqCalls, concurrentMs],
    // ≈ 0.4 s of database CPU each (performance.md): fewer calls, or this alone takes minutes.
    ["raw SQL live GROUP BY over applications", raw.url, rawSpec("/rollup/live"), 10, 8_000],
  ];
  for (const [label, url, spec, calls, duration] of plans) {
    ctx.log(`  ${label}: ${calls} sequential, then 8 concurrent for ${duration / 1000} s …`);
    const isError = url === graphql.url ? graphqlError : undefined;
    await runLoad({ baseUrl: url, concurrency: 1, requests: 3, build: () => spec, isError }); // warm
    const { result: sequential, cpu: seqCpu } = await withCpu(
      { server: url === graphql.url ? graphql.pid : raw.pid, db },
      () => runLoad({ baseUrl: url, concurrency: 1, requests: calls, build: () => spec, isError }),
    );
    const { result: concurrent, cpu } = await withCpu({ server: url === graphql.url ? graphql.pid : raw.pid, db }, () =>
      runLoad({ baseUrl: url, concurrency: 8, durationMs: duration, build: () => spec, isError }),
    );
    runs.push({ label, sequential, concurrent, cpu, seqOther: seqCpu.other });
  }
  // What-if: the same roll-up from counters kept per county instead of per institution (a TEMPORARY table
  // built from status_counter on one connection; the real schema is untouched).
  const conn = await openBenchConnection();
  let whatIf: ReturnType<typeof statsOf>;
  try {
    await conn.query(
      `CREATE TEMPORARY TABLE bench_county_counter AS SELECT cycle_id, province_code, city_code, county_code, status, SUM(count) AS count
       FROM status_counter GROUP BY cycle_id, province_code, city_code, county_code, status`,
    );
    await conn.query("ALTER TABLE bench_county_counter ADD INDEX (cycle_id, province_code, city_code, status, count)");
    const sql =
      "SELECT city_code AS k, status, SUM(count) AS n FROM bench_county_counter WHERE cycle_id = ? AND province_code = ? GROUP BY city_code, status";
    const times: number[] = [];
    for (let k = 0; k < 53; k++) {
      const t0 = performance.now();
      await conn.query(sql, [ctx.dataset.cycleId, "450000"]);
      if (k >= 3) times.push(performance.now() - t0);
    }
    const [rows] = await conn.query("SELECT COUNT(*) AS n FROM bench_county_counter");
    ctx.log(
      `  what-if county-level counters: ${(rows as { n: number }[])[0].n} rows instead of the per-institution counters' rows`,
    );
    whatIf = statsOf(times, 0, times.reduce((a, b) => a + b, 0) / 1000);
  } finally {
    await conn.end();
  }
  ctx.print(
    table(
      `Province-wide counts per city (14 cities, ${ctx.dataset.counts.application.toLocaleString("en-US")} applications), as the provincial administration`,
      [
        "source",
        "seq p50",
        "seq p99",
        "8 conc p50",
        "8 conc p99",
        "8 conc req/s",
        "errors",
        "server CPU",
        "MariaDB CPU",
        "other CPU",
      ],
      runs.map((r) => [
        r.label,
        ms(r.sequential.p50),
        ms(r.sequential.p99),
        ms(r.concurrent.p50),
        ms(r.concurrent.p99),
        r.concurrent.rps.toFixed(1),
        r.sequential.errors + r.concurrent.errors,
        pct(r.cpu.server),
        pct(r.cpu.db),
        pct(r.cpu.other),
      ]),
      `Counters vs live GROUP BY (sequential p50): ${(runs[2].sequential.p50 / runs[0].sequential.p50).toFixed(0)}× faster. ` +
        `What-if, the SQL alone over counters kept per county (a temporary table): p50 ${ms(whatIf.p50)}, p99 ${ms(whatIf.p99)} (50 sequential, no HTTP).\n` +
        `City totals from the counters equal the live GROUP BY: ${same ? "yes" : "NO"}; ` +
        `the raw twin's answer equals the service's, every status and the completion figures: ${sameAnswer ? "yes" : "NO"}. ` +
        `CPU columns are for the 8-concurrent part, in % of one core.`,
    ),
  );
  const [g, r] = runs;
  const ratio = g.concurrent.rps / r.concurrent.rps;
  ctx.target({
    section: "region",
    name: "regionProgress by city, 8 concurrent, vs raw over the same counters",
    target: "≥ 0.60×",
    actual: `${ratio.toFixed(2)}× (${g.concurrent.rps.toFixed(0)} vs ${r.concurrent.rps.toFixed(0)} req/s)`,
    pass: ratio >= 0.6,
    otherCpu: Math.max(g.cpu.other, r.cpu.other),
  });
  ctx.target({
    section: "region",
    name: "counters = live counts",
    target: "yes",
    actual: same ? "yes" : "no",
    pass: same,
  });
  ctx.target({
    section: "region",
    name: "same answer as raw SQL",
    target: "yes",
    actual: sameAnswer ? "yes" : "no",
    pass: sameAnswer,
  });
  return { sameAsLive: same, sameAnswer, ratio, runs, whatIfCountyCounters: whatIf };
}
