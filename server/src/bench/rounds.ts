import type { ChildServer } from "./children";
import { withCpu, type BenchContext } from "./context";
import { mergeStats, runLoad, type LatencyStats, type RequestSpec } from "./load";

/** One server under load, with the requests it is sent. */
export interface LoadVariant {
  name: string;
  server: ChildServer;
  build: (random: () => number) => RequestSpec;
  isError?: (status: number, body: Buffer) => boolean;
}

export interface VariantRun {
  stats: LatencyStats;
  /** Mean over the rounds, % of one core: `server` (all its processes), `db`, `loadgen`, `other`. */
  cpu: Record<string, number>;
  /** The server's RSS after its last round (all its processes). */
  rssAfter: number;
}

/**
 * The same closed-loop load on every variant, in `rounds` rounds that alternate between them, so a burst of
 * other work on the machine hits all of them alike; warm-up in the first round only, the same request sequence
 * (seed) for every variant within a round.
 */
export async function alternatingRounds(
  ctx: BenchContext,
  variants: readonly LoadVariant[],
  db: number | null,
  rounds = 3,
): Promise<Map<string, VariantRun>> {
  const slice = ctx.args.durationMs / rounds;
  const parts = new Map<string, { stats: LatencyStats[]; cpu: Record<string, number>[]; rssAfter: number }>();
  for (let round = 0; round < rounds; round++) {
    for (const { name, server, build, isError } of variants) {
      const pids = Object.fromEntries(server.pids.map((pid, i) => [`p${i}`, pid]));
      const { result: stats, cpu } = await withCpu({ ...pids, db }, () =>
        runLoad({
          baseUrl: server.url,
          concurrency: ctx.args.concurrency,
          durationMs: slice,
          warmupMs: round === 0 ? ctx.args.warmupMs : 0,
          seed: 42 + round,
          build,
          isError,
        }),
      );
      const serverCpu = server.pids.reduce((sum, _, i) => sum + cpu[`p${i}`], 0);
      const p = parts.get(name) ?? { stats: [], cpu: [], rssAfter: 0 };
      p.stats.push(stats);
      p.cpu.push({ server: serverCpu, db: cpu.db, loadgen: cpu.loadgen, other: cpu.other });
      p.rssAfter = server.memory().rss;
      parts.set(name, p);
      if (stats.errorSamples.length) ctx.log(`  ${name} errors: ${stats.errorSamples.join(" | ")}`);
    }
  }
  const runs = new Map<string, VariantRun>();
  for (const [name, p] of parts) {
    const cpu = Object.fromEntries(
      Object.keys(p.cpu[0]).map((k) => [k, p.cpu.reduce((sum, c) => sum + c[k], 0) / p.cpu.length]),
    );
    runs.set(name, { stats: mergeStats(p.stats), cpu, rssAfter: p.rssAfter });
  }
  return runs;
}
