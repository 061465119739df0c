import { readdirSync, readFileSync } from "node:fs";
import { performance } from "node:perf_hooks";
import type { ChildServer } from "./children";
import type { BenchArgs } from "./common";
import type { Target } from "./report";
import type { Dataset } from "./seed";

/** What every section gets: arguments, the data set, the shared child servers, and where to report. */
export interface BenchContext {
  args: BenchArgs;
  dataset: Dataset;
  log(line: string): void;
  /** The long-lived GraphQL service (child process), started on first use. */
  graphql(): Promise<ChildServer>;
  /** The raw mysql2 + node:http baseline (child process), started on first use. */
  raw(): Promise<ChildServer>;
  /** Printed tables, in order. */
  print(text: string): void;
  target(t: Target): void;
}

const TICKS = 100; // USER_HZ on Linux

/** CPU seconds (user + system) a process has used so far. */
export function cpuSeconds(pid: number): number {
  try {
    const stat = readFileSync(`/proc/${pid}/stat`, "utf8");
    const fields = stat.slice(stat.lastIndexOf(")") + 2).split(" ");
    return (Number(fields[11]) + Number(fields[12])) / TICKS;
  } catch {
    return NaN;
  }
}

let dbPid: number | null | undefined;
/** The MariaDB server's pid when it runs on this machine (for its CPU share during a run), else null. */
export function databasePid(): number | null {
  if (dbPid !== undefined) return dbPid;
  dbPid = null;
  for (const entry of readdirSync("/proc")) {
    if (!/^\d+$/.test(entry)) continue;
    try {
      const comm = readFileSync(`/proc/${entry}/comm`, "utf8").trim();
      if (comm === "mariadbd" || comm === "mysqld") {
        dbPid = Number(entry);
        break;
      }
    } catch {
      /* raced with exit */
    }
  }
  return dbPid;
}

/** CPU seconds the whole machine has been busy (all cores; /proc/stat). */
function machineBusySeconds(): number {
  const [, ...v] = readFileSync("/proc/stat", "utf8").split("\n")[0].trim().split(/\s+/);
  const [user, nice, system, , , irq, softirq, steal] = v.map(Number);
  return (user + nice + system + irq + softirq + (steal || 0)) / TICKS;
}

/**
 * Measures CPU use (% of one core) of the given processes over a piece of work, plus `other`: what
 * the rest of the machine used meanwhile (other sessions' builds and tests skew a run; this shows it).
 */
export async function withCpu<T>(
  pids: Record<string, number | null>,
  work: () => Promise<T>,
): Promise<{ result: T; cpu: Record<string, number> }> {
  const before = Object.fromEntries(Object.entries(pids).map(([k, pid]) => [k, pid ? cpuSeconds(pid) : NaN]));
  const busy0 = machineBusySeconds();
  const t0 = process.hrtime.bigint();
  const self0 = process.cpuUsage();
  const result = await work();
  const wall = Number(process.hrtime.bigint() - t0) / 1e9;
  const self = process.cpuUsage(self0);
  const cpu: Record<string, number> = { loadgen: ((self.user + self.system) / 1e6 / wall) * 100 };
  for (const [k, pid] of Object.entries(pids)) cpu[k] = pid ? ((cpuSeconds(pid) - before[k]) / wall) * 100 : NaN;
  const known = Object.values(cpu)
    .filter(Number.isFinite)
    .reduce((a, b) => a + b, 0);
  cpu.other = Math.max(0, ((machineBusySeconds() - busy0) / wall) * 100 - known);
  return { result, cpu };
}

export const pct = (n: number) => (Number.isFinite(n) ? `${Math.round(n)}%` : "n/a");

/**
 * A fixed CPU-bound task in Node and in MariaDB, timed at the start and end of a run: the same machine
 * is shared with other sessions and its speed drifts, so figures from different runs compare only
 * together with this.
 */
export async function speedProbe(
  query: (sql: string) => Promise<unknown>,
): Promise<{ nodeMs: number; mariadbMs: number }> {
  const t0 = performance.now();
  const doc = {
    items: Array.from({ length: 200 }, (_, i) => ({
      id: i,
      name: `医师${i}`,
      status: "AWAITING_TEST",
      at: new Date(0).toISOString(),
    })),
  };
  for (let k = 0; k < 400; k++) JSON.parse(JSON.stringify(doc));
  const nodeMs = performance.now() - t0;
  const t1 = performance.now();
  await query("SELECT BENCHMARK(1000000, SHA2('医师定期考核', 256))");
  return { nodeMs, mariadbMs: performance.now() - t1 };
}
