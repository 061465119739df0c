import { BENCH_PASSWORD, mib, ms, USERS } from "../common";
import { startChild } from "../children";
import { databasePid, pct, type BenchContext } from "../context";
import { login } from "../gql";
import { graphqlError } from "../load";
import { table } from "../report";
import { alternatingRounds } from "../rounds";
import { filterTotals, graphqlProgressRequest, randomProgressPage } from "./progress";

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
    const choose = randomProgressPage(totals, pageSize);
    const build = (random: () => number) => {
      const { statuses, page } = choose(random);
      return graphqlProgressRequest(cookie, statuses, page, pageSize);
    };
    const runs = [
      ...(await alternatingRounds(
        ctx,
        [
          { name: "1 process", server: one, build, isError: graphqlError },
          { name: "WORKERS=2", server: two, build, isError: graphqlError },
        ],
        databasePid(),
      )),
    ].map(([name, run]) => ({ name, ...run }));
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
