import { prng } from "../../common/prng";
import { BENCH_PASSWORD, mib, ms, USERS } from "../common";
import { databasePid, pct, withCpu, type BenchContext } from "../context";
import { gql, login } from "../gql";
import { graphqlError, mergeStats, request, runLoad, type LatencyStats, type RequestSpec } from "../load";
import { startRecordingApp, type Statement } from "../recording-app";
import { table } from "../report";
import { INST, openBenchConnection } from "../seed";

/** The consoles' own documents (client/src/pages/…/*.graphql), as the browser sends them. */
export const ROSTER_QUERY = `query Roster($filter: PhysicianFilter!, $counts: PhysicianFilter!, $page: Int!, $pageSize: Int!) {
  physicians(filter: $filter, page: $page, pageSize: $pageSize) {
    total page pageSize
    items { id name gender idNumberMasked phoneMasked categoryCode categoryName levelName title practisingStatus
      practisingStatusLabel updatedAt department { id name }
      currentApplication { id status statusLabel version lastAction lastActionAt availableActions withdrawnOnCancel } }
  }
  rosterCounts(filter: $counts) { notEnrolled enrolled }
}`;

export const ASSESSOR_QUEUE_QUERY = `query AssessorQueue($filter: ApplicationFilter!, $page: Int!, $pageSize: Int!) {
  applications(filter: $filter, sort: SUBMITTED_AT, page: $page, pageSize: $pageSize) {
    total page pageSize
    items { id version status statusLabel procedure procedureLabel institutionName departmentName exemptionStatus
      exemptionStatusLabel submittedAt institutionReview { outcome } physician { id name gender idNumberMasked } }
  }
}`;

export const DASHBOARD_QUERY = `query AdministrationDashboard($regionCode: String) {
  administrationDashboard(regionCode: $regionCode) {
    cycleId region { code name level } trail { code name }
    summary { total statusCounts { status label count } completion { enrolled finished qualified unqualified rate } }
    childLevel
    children { code name total statusCounts { status label count } completion { enrolled finished qualified unqualified rate } }
    waiting { makeupConfirmations suspectedAttempts aaApplications }
  }
}`;

/** The assessment institution of the big hospital (and of ~1 000 others): its 复核 queue spans all of them. */
export const ASSESSOR_USER = "inst4";

interface Variant {
  variables: Record<string, unknown>;
}

interface HotPath {
  name: string;
  user: string;
  query: string;
  variants: Variant[];
}

const VARIANTS = 16;

/** 医师列表 of the big hospital under the filters its page offers, random pages within each filter's total. */
async function rosterVariants(): Promise<Variant[]> {
  const conn = await openBenchConnection();
  try {
    const [deps] = await conn.query("SELECT id FROM department WHERE institution_id = ? ORDER BY id LIMIT 6", [
      INST.big,
    ]);
    const depIds = (deps as { id: number }[]).map((d) => d.id);
    const r = prng(15);
    const shapes: Record<string, unknown>[] = [
      { tab: "ENROLLED" },
      { tab: "NOT_ENROLLED" },
      { tab: "ENROLLED", statuses: ["AWAITING_INSTITUTION_REVIEW"] },
      { tab: "ENROLLED", departmentId: depIds[0] },
      { tab: "ENROLLED", name: "王" },
      { tab: "ENROLLED", practisingStatus: "PRACTISING", departmentId: depIds[1] },
      { tab: "ENROLLED", statuses: ["QUALIFIED", "UNQUALIFIED"], name: "李" },
      { tab: "NOT_ENROLLED", departmentId: depIds[2] },
    ];
    return Array.from({ length: VARIANTS }, (_, k) => {
      const filter = shapes[k % shapes.length];
      const { tab: _tab, ...counts } = filter;
      // Pages 1–10: the filtered totals are not known here; a page past the end is an empty page, a real case too.
      return { variables: { filter, counts, page: 1 + Math.floor(r() * (k < shapes.length ? 3 : 10)), pageSize: 20 } };
    });
  } finally {
    await conn.end();
  }
}

function queueVariants(): Variant[] {
  const r = prng(16);
  const shapes: Record<string, unknown>[] = [
    { queue: "ASSESSMENT_REVIEW" },
    { queue: "ASSESSMENT_REVIEW", procedure: "GENERAL" },
    { queue: "ASSESSMENT_REVIEW", name: "张" },
    { queue: "ASSESSMENT_REVIEW", institutionId: INST.big },
  ];
  return Array.from({ length: VARIANTS }, (_, k) => ({
    variables: { filter: shapes[k % shapes.length], page: 1 + Math.floor(r() * 8), pageSize: 20 },
  }));
}

/** The province's dashboard, then one click down: each city, and a few of their counties. */
async function dashboardVariants(): Promise<Variant[]> {
  const conn = await openBenchConnection();
  try {
    const [cities] = await conn.query("SELECT code FROM region WHERE level = 'CITY' ORDER BY code");
    const [counties] = await conn.query("SELECT code FROM region WHERE level = 'COUNTY' ORDER BY code LIMIT 8");
    const codes = [
      null,
      ...(cities as { code: string }[]).map((c) => c.code),
      ...(counties as { code: string }[]).map((c) => c.code),
    ];
    return codes.slice(0, VARIANTS).map((regionCode) => ({ variables: { regionCode } }));
  } finally {
    await conn.end();
  }
}

interface PathRun {
  name: string;
  statements: { min: number; max: number };
  graphql: LatencyStats;
  raw: LatencyStats;
  cpu: { graphql: Record<string, number>; raw: Record<string, number> };
}

/**
 * The consoles' heavy read paths, each through the GraphQL server against raw SQL: the raw server replays,
 * through mysql2 behind node:http, exactly the statements the service ran for the same request (recorded in
 * this process with the app's TypeORM logger, raw-replay.ts) and returns their rows as JSON — the database
 * work of the service without its ORM, GraphQL and resolvers.
 */
export async function hotPathsSection(ctx: BenchContext): Promise<Record<string, unknown>> {
  const [graphql, raw] = [await ctx.graphql(), await ctx.raw()];
  const paths: HotPath[] = [
    {
      name: "医师列表 of the big hospital, filters",
      user: USERS.big,
      query: ROSTER_QUERY,
      variants: await rosterVariants(),
    },
    {
      name: "复核 queue of an assessment institution",
      user: ASSESSOR_USER,
      query: ASSESSOR_QUEUE_QUERY,
      variants: queueVariants(),
    },
    {
      name: "administration dashboard drill-down",
      user: USERS.province,
      query: DASHBOARD_QUERY,
      variants: await dashboardVariants(),
    },
  ];
  const cookies = new Map<string, string>();
  for (const p of paths)
    if (!cookies.has(p.user)) cookies.set(p.user, await login(graphql.url, p.user, BENCH_PASSWORD));

  // Record what the service runs for every variant (after one warm-up request, so caches are as under load).
  const recorder = await startRecordingApp();
  const recorded = new Map<string, Statement[][]>();
  try {
    for (const p of paths) {
      const cookie = cookies.get(p.user)!;
      const lists: Statement[][] = [];
      for (const v of p.variants) {
        await gql(recorder.url, cookie, p.query, v.variables);
        lists.push(await recorder.record(() => gql(recorder.url, cookie, p.query, v.variables)));
      }
      recorded.set(p.name, lists);
    }
  } finally {
    await recorder.close();
  }
  for (const [name, variants] of recorded) {
    const res = await request(raw.url, {
      method: "POST",
      path: "/replay/load",
      headers: { "content-type": "application/json" },
      body: JSON.stringify({ name, variants }),
    });
    if (res.status !== 200) throw new Error(`replay/load ${name}: ${res.status} ${res.body.toString().slice(0, 300)}`);
  }

  const db = databasePid();
  const concurrency = 16;
  const rounds = 2;
  const slice = Math.max(1500, ctx.args.durationMs / 4);
  ctx.log(
    `  ${paths.length} paths × 2 servers × ${rounds} alternating rounds of ${(slice / 1000).toFixed(1)} s, ${concurrency} clients …`,
  );
  const runs: PathRun[] = [];
  for (const p of paths) {
    const cookie = cookies.get(p.user)!;
    const gqlSpec = (r: () => number): RequestSpec => ({
      method: "POST",
      path: "/graphql",
      headers: { "content-type": "application/json", cookie },
      body: JSON.stringify({ query: p.query, variables: p.variants[Math.floor(r() * p.variants.length)].variables }),
    });
    const rawSpec = (r: () => number): RequestSpec => ({
      method: "GET",
      path: `/replay?name=${encodeURIComponent(p.name)}&v=${Math.floor(r() * p.variants.length)}`,
    });
    const parts = { graphql: [] as LatencyStats[], raw: [] as LatencyStats[] };
    const cpus = { graphql: [] as Record<string, number>[], raw: [] as Record<string, number>[] };
    for (let round = 0; round < rounds; round++) {
      for (const [side, server, build, isError] of [
        ["graphql", graphql, gqlSpec, graphqlError],
        ["raw", raw, rawSpec, undefined],
      ] as const) {
        const { result, cpu } = await withCpu({ server: server.pid, db }, () =>
          runLoad({
            baseUrl: server.url,
            concurrency,
            durationMs: slice,
            warmupMs: round === 0 ? 1000 : 0,
            seed: 3 + round,
            build,
            isError,
          }),
        );
        parts[side].push(result);
        cpus[side].push(cpu);
        if (result.errorSamples.length) ctx.log(`  ${p.name}, ${side} errors: ${result.errorSamples.join(" | ")}`);
      }
    }
    const avg = (list: Record<string, number>[]) =>
      Object.fromEntries(Object.keys(list[0]).map((k) => [k, list.reduce((a, c) => a + c[k], 0) / list.length]));
    const counts = recorded.get(p.name)!.map((s) => s.length);
    runs.push({
      name: p.name,
      statements: { min: Math.min(...counts), max: Math.max(...counts) },
      graphql: mergeStats(parts.graphql),
      raw: mergeStats(parts.raw),
      cpu: { graphql: avg(cpus.graphql), raw: avg(cpus.raw) },
    });
  }
  ctx.print(
    table(
      `The consoles' read paths, ${concurrency} concurrent clients: GraphQL vs the same statements replayed raw`,
      [
        "path",
        "statements",
        "GraphQL req/s",
        "raw req/s",
        "ratio",
        "GraphQL p50",
        "GraphQL p99",
        "raw p99",
        "GraphQL server CPU",
        "raw server CPU",
        "MariaDB CPU (GraphQL / raw)",
        "other CPU",
      ],
      runs.map((x) => [
        x.name,
        x.statements.min === x.statements.max ? String(x.statements.min) : `${x.statements.min}–${x.statements.max}`,
        x.graphql.rps.toFixed(0),
        x.raw.rps.toFixed(0),
        `${(x.graphql.rps / x.raw.rps).toFixed(2)}×`,
        ms(x.graphql.p50),
        ms(x.graphql.p99),
        ms(x.raw.p99),
        pct(x.cpu.graphql.server),
        pct(x.cpu.raw.server),
        `${pct(x.cpu.graphql.db)} / ${pct(x.cpu.raw.db)}`,
        pct(Math.max(x.cpu.graphql.other, x.cpu.raw.other)),
      ]),
      `${VARIANTS} requests per path (filters, pages, regions), chosen at random by both sides with the same seed. ` +
        `Raw = the statements the service ran for that request (recorded in-process with the TypeORM logger), replayed ` +
        `one after the other on one pooled mysql2 connection behind node:http, rows returned as JSON. ` +
        `GraphQL server RSS now: ${mib(graphql.memory().rss)}.`,
    ),
  );
  for (const x of runs) {
    ctx.target({
      section: "hotpaths",
      name: `${x.name}: errors`,
      target: "0",
      actual: String(x.graphql.errors + x.raw.errors),
      pass: x.graphql.errors + x.raw.errors === 0,
    });
  }
  return { runs };
}
