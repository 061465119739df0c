import { BENCH_PASSWORD, mib, ms, USERS } from "../common";
import { startChild, type ChildServer } from "../children";
import { databasePid, pct, withCpu, type BenchContext } from "../context";
import { login } from "../gql";
import { graphqlError, mergeStats, runLoad, type LatencyStats } from "../load";
import { table } from "../report";
import { filterTotals, graphqlProgressRequest, PROGRESS_FILTERS } from "./progress";

/** CPU of all of a server's processes, summed (% of one core). */
async function measured(server: ChildServer, db: number | null, work: () => Promise<LatencyStats>) {
  const pids = Object.fromEntries(server.pids.map((pid, i) => [`w${i}`, pid]));
  const { result, cpu } = await withCpu({ ...pids, db }, work);
  const serverCpu = server.pids.reduce((a, _, i) => a + cpu[`w${i}`], 0);
  return { stats: result, cpu: { server: serverCpu, db: cpu.db, loadgen: cpu.loadgen, other: cpu.other } };
}

/**
 * 1 vs 2 worker processes (WORKERS=2, node:cluster) on the 考核进度 page, 32 clients, alternating rounds: on these
 * 2 cores shared with MariaDB and the load generator, a second worker helps only as far as a core is free.
 */
export async function workersSection(ctx: BenchContext): Promise<Record<string, unknown>> {
  const one = await ctx.graphql();
  const two = await startChild("GraphQL server, WORKERS=2", "graphql-cluster.ts", { WORKERS: "2" });
  try {
    const cookie = await login(one.url, USERS.big, BENCH_PASSWORD);
    const totals = await filterTotals(ctx.dataset.cycleId);
    const pageSize = 20;
    const build = (random: () => number) => {
      const f = Math.floor(random() * PROGRESS_FILTERS.length);
      const page = 1 + Math.floor(random() * Math.max(1, Math.ceil(totals[f] / pageSize)));
      return graphqlProgressRequest(cookie, PROGRESS_FILTERS[f], page, pageSize);
    };
    const db = databasePid();
    const rounds = 3;
    const slice = ctx.args.durationMs / rounds;
    const parts = new Map<string, { stats: LatencyStats[]; cpu: Record<string, number>[] }>();
    for (let round = 0; round < rounds; round++) {
      for (const [name, server] of [
        ["1 process", one],
        ["WORKERS=2", two],
      ] as const) {
        const m = await measured(server, db, () =>
          runLoad({
            baseUrl: server.url,
            concurrency: ctx.args.concurrency,
            durationMs: slice,
            warmupMs: round === 0 ? ctx.args.warmupMs : 0,
            seed: 42 + round,
            build,
            isError: graphqlError,
          }),
        );
        const p = parts.get(name) ?? { stats: [], cpu: [] };
        p.stats.push(m.stats);
        p.cpu.push(m.cpu);
        parts.set(name, p);
        if (m.stats.errorSamples.length) ctx.log(`  ${name} errors: ${m.stats.errorSamples.join(" | ")}`);
      }
    }
    const runs = [...parts].map(([name, p]) => ({
      name,
      stats: mergeStats(p.stats),
      cpu: Object.fromEntries(
        Object.keys(p.cpu[0]).map((k) => [k, p.cpu.reduce((a, c) => a + c[k], 0) / p.cpu.length]),
      ),
    }));
    const [a, b] = runs;
    const gain = b.stats.rps / a.stats.rps;
    ctx.print(
      table(
        `考核进度 page, ${ctx.args.concurrency} clients: one GraphQL process vs WORKERS=2 (node:cluster, one port)`,
        [
          "server",
          "req/s",
          "p50",
          "p99",
          "errors",
          "server CPU (all workers)",
          "MariaDB CPU",
          "loadgen CPU",
          "other CPU",
        ],
        runs.map((x) => [
          x.name,
          x.stats.rps.toFixed(0),
          ms(x.stats.p50),
          ms(x.stats.p99),
          x.stats.errors,
          pct(x.cpu.server),
          pct(x.cpu.db),
          pct(x.cpu.loadgen),
          pct(x.cpu.other),
        ]),
        `WORKERS=2 / 1 process: ${gain.toFixed(2)}× the throughput. RSS of the two workers: ${mib(two.memory().rss)} ` +
          `(one process: ${mib(one.memory().rss)}). The machine has 2 cores for servers, MariaDB and load generator together.`,
      ),
    );
    ctx.target({
      section: "workers",
      name: "WORKERS=2 serves the page without errors",
      target: "0 errors",
      actual: String(b.stats.errors),
      pass: b.stats.errors === 0 && b.stats.requests > 0,
    });
    return { gain, runs };
  } finally {
    await two.stop();
  }
}
