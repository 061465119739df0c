import path from "node:path";

/** Shared settings of the benchmark (see run.ts). */

/** Physicians in the data set: the 200 000, or fewer for a quick run (BENCH_PHYSICIANS, at least 20 000). */
export const BENCH_PHYSICIANS = benchPhysicians(process.env.BENCH_PHYSICIANS);
/** pa_bench at the default scale; another scale seeds its own database, so switching does not reseed either. */
export const BENCH_DB = BENCH_PHYSICIANS === 200_000 ? "pa_bench" : `pa_bench_${BENCH_PHYSICIANS}`;

function benchPhysicians(value: string | undefined): number {
  if (!value?.trim()) return 200_000;
  const n = Number(value.replace(/[_,]/g, ""));
  if (!Number.isInteger(n) || n < 20_000 || n > 1_000_000)
    throw new Error(`BENCH_PHYSICIANS must be a whole number from 20 000 to 1 000 000, not "${value}"`);
  return n;
}
/** Bump when the seeded data set changes shape: a stale data set is then dropped and seeded again. */
export const DATASET_VERSION = 3;
export const MARKER_KEY = "bench.dataset";

export const SERVER_DIR = path.resolve(__dirname, "..", "..");
export const RESULTS_DIR = path.join(SERVER_DIR, "bench-results");

/** Accounts the benchmark signs in with (all share this password, hashed once at seeding). */
export const BENCH_PASSWORD = "Bench#2026pass";
export const USERS = {
  /** 考核进度 page: the big hospital (~5 000 physicians, statuses spread). */
  big: "bench_big",
  /** 批量参加 target: another 5 000-physician hospital, reset to 未确认参加 before each run. */
  enroll: "bench_enroll",
  /** Roster import target. */
  importer: "bench_import",
  /** The provincial health administration (regionProgress). */
  province: "bench_province",
} as const;

export const PROVINCE = "450000";

/** mysql://root@127.0.0.1:3306 (DATABASE_URL without a database, or with one that is replaced). */
export function serverUrl(): string {
  const url = new URL(process.env.DATABASE_URL?.trim() || "mysql://root@127.0.0.1:3306");
  url.pathname = "/";
  return url.toString();
}

export function benchDbUrl(): string {
  const url = new URL(serverUrl());
  url.pathname = `/${BENCH_DB}`;
  return url.toString();
}

export interface BenchArgs {
  only: Set<string> | null;
  reseed: boolean;
  durationMs: number;
  warmupMs: number;
  concurrency: number;
  /** Run the shared GraphQL server with --cpu-prof and print where its CPU went. */
  profile: boolean;
}

export const SECTIONS = [
  "seed",
  "progress",
  "region",
  "statements",
  "hotpaths",
  "submit",
  "enroll",
  "workers",
  "import",
  "results",
] as const;
export type SectionName = (typeof SECTIONS)[number];

/**
 * Flags come from the command line, or — when started as `npm run bench --only=progress` from the
 * repository root, where npm keeps unknown flags for itself — from the npm_config_* variables npm sets.
 */
export function parseArgs(argv: string[], env: NodeJS.ProcessEnv = process.env): BenchArgs {
  const fromNpm = (name: string) => env[`npm_config_${name}`] || env[`BENCH_${name.toUpperCase()}`] || undefined;
  const value = (name: string) => argv.find((a) => a.startsWith(`--${name}=`))?.slice(name.length + 3) ?? fromNpm(name);
  const flag = (name: string) => argv.includes(`--${name}`) || ["true", "1"].includes(String(fromNpm(name)));
  // npm drops --only (an old npm setting of its own): --sections is the same and survives `npm run bench --sections=…`.
  const only = value("only") ?? value("sections");
  const sections = only
    ? new Set(
        only
          .split(",")
          .map((s) => s.trim())
          .filter(Boolean),
      )
    : null;
  for (const s of sections ?? []) {
    if (!(SECTIONS as readonly string[]).includes(s))
      throw new Error(`unknown section "${s}"; one of ${SECTIONS.join(", ")}`);
  }
  return {
    only: sections,
    reseed: flag("reseed"),
    durationMs: Number(value("duration") ?? 10) * 1000,
    warmupMs: Number(value("warmup") ?? 3) * 1000,
    concurrency: Number(value("concurrency") ?? 32),
    profile: flag("profile"),
  };
}

export const pick = <T>(r: () => number, list: readonly T[]): T => list[Math.floor(r() * list.length)];

/** 'YYYY-MM-DD HH:MM:SS.mmm' in UTC (the application writes UTC; timezone: "Z"). */
export const sqlDateTime = (ms: number) => new Date(ms).toISOString().replace("T", " ").slice(0, 23);

export const sleep = (ms: number) => new Promise((resolve) => setTimeout(resolve, ms));

export const ms = (n: number) => `${n < 10 ? n.toFixed(2) : n < 100 ? n.toFixed(1) : Math.round(n)} ms`;
export const mib = (bytes: number) => `${(bytes / 1048576).toFixed(1)} MiB`;
