import "./env";
import "reflect-metadata";
import { mkdirSync, writeFileSync } from "node:fs";
import os from "node:os";
import path from "node:path";
import { buildChildScripts, killChildrenNow, startChild, stopAllChildren, type ChildServer } from "./children";
import { BENCH_DB, benchDbUrl, mib, parseArgs, RESULTS_DIR, SECTIONS, type SectionName } from "./common";
import { speedProbe, type BenchContext } from "./context";
import { table, targetsTable, type Target } from "./report";
import { enrollSection } from "./sections/enroll";
import { hotPathsSection } from "./sections/hotpaths";
import { importSection } from "./sections/import";
import { progressSection } from "./sections/progress";
import { regionSection } from "./sections/region";
import { resultsImportSection } from "./sections/results-import";
import { statementsSection } from "./sections/statements";
import { submitSection } from "./sections/submit";
import { workersSection } from "./sections/workers";
import { summarizeProfiles } from "./profile";
import { ensureDataset, openBenchConnection, SIZES } from "./seed";

/**
 * npm run bench [-- --only=progress,region] [--reseed] [--duration=10] [--warmup=3] [--concurrency=32]
 *
 * Benchmarks the GraphQL service against a province-scale data set in its own database (pa_bench)
 * and the raw-SQL baseline of performance.md, side by side; prints tables with PASS/FAIL against the
 * targets and writes server/bench-results/latest.json.
 */
async function main() {
  const args = parseArgs(process.argv.slice(2));
  const started = Date.now();
  const log = (line: string) => process.stdout.write(`${line}\n`);
  const printed: string[] = [];
  const targets: Target[] = [];
  const print = (text: string) => {
    printed.push(text);
    log(text);
  };
  const wants = (s: SectionName) => !args.only || args.only.has(s);

  log(
    `benchmark against ${benchDbUrl().replace(/\/\/[^@]*@/, "//")} (${os.cpus().length} CPUs, Node ${process.version})`,
  );
  buildChildScripts(log);
  log(`\n== data set (${BENCH_DB})`);
  const seed = await ensureDataset(args.reseed, log);
  const d = seed.dataset;
  print(
    table(
      "Data set",
      ["table", "rows"],
      Object.entries(d.counts).map(([k, v]) => [k, v.toLocaleString("en-US")]),
      seed.seeded
        ? `Seeded now in ${seed.seconds.toFixed(1)} s (multi-row INSERTs of ${SIZES.rowsPerStatement} rows): ${Object.entries(
            seed.phases,
          )
            .map(([k, v]) => `${k} ${v.toFixed(1)} s`)
            .join("; ")}. ` + `status_counter equals live counts: ${seed.countersMatch ? "yes" : "NO"}.`
        : `Reused (seeded ${d.seededAt} in ${d.seedSeconds.toFixed(1)} s; --reseed to rebuild). status_counter equals live counts: ${seed.countersMatch ? "yes" : "NO"}.`,
    ),
  );
  const probe = async () => {
    const conn = await openBenchConnection();
    try {
      return await speedProbe((sql) => conn.query(sql));
    } finally {
      await conn.end();
    }
  };
  const probeStart = await probe();
  log(
    `machine speed probe (lower is faster): Node ${probeStart.nodeMs.toFixed(0)} ms, MariaDB ${probeStart.mariadbMs.toFixed(0)} ms`,
  );
  targets.push({
    section: "seed",
    name: "status_counter = live counts",
    target: "yes",
    actual: seed.countersMatch ? "yes" : "no",
    pass: seed.countersMatch,
  });

  const profileDir = path.join(RESULTS_DIR, `profile-${new Date().toISOString().replace(/[:.]/g, "-")}`);
  let graphql = null as Promise<ChildServer> | null;
  let raw = null as Promise<ChildServer> | null;
  const ctx: BenchContext = {
    args,
    dataset: d,
    log,
    graphql: () =>
      (graphql ??= startChild(
        "GraphQL server",
        "graphql-server.ts",
        args.profile ? { BENCH_PROFILE_DIR: profileDir } : {},
      )),
    raw: () => (raw ??= startChild("raw SQL server", "raw-server.ts")),
    print,
    target: (t) => targets.push(t),
  };

  const sections: Record<string, unknown> = {};
  const runners: [SectionName, string, (c: BenchContext) => Promise<Record<string, unknown>>][] = [
    ["progress", "考核进度 page: GraphQL vs raw SQL", progressSection],
    ["region", "province-wide counts per city", regionSection],
    ["statements", "SQL statements per request", statementsSection],
    ["hotpaths", "the consoles' read paths vs their statements raw", hotPathsSection],
    ["submit", "the physician's submit (write path) vs its statements raw", submitSection],
    ["enroll", "批量参加 of 5 000", enrollSection],
    ["workers", "1 vs 2 worker processes", workersSection],
    ["import", "roster import 10 000 / 20 000 rows", importSection],
    ["results", "results import 1 000 / 2 000 / 10 000 rows", resultsImportSection],
  ];
  const failures: string[] = [];
  for (const [name, title, run] of runners) {
    if (!wants(name)) continue;
    log(`\n== ${name}: ${title}`);
    const t0 = Date.now();
    try {
      sections[name] = { ...(await run(ctx)), seconds: (Date.now() - t0) / 1000 };
    } catch (err) {
      const message = (err as Error)?.stack ?? String(err);
      failures.push(`${name}: ${message}`);
      sections[name] = { error: message };
      targets.push({ section: name, name: "section ran", target: "yes", actual: "error", pass: false });
      log(`  section ${name} failed: ${message}`);
    }
    log(`  (${((Date.now() - t0) / 1000).toFixed(0)} s)`);
  }
  if (graphql && raw) {
    // Both shared servers served the same sections: compare what they hold after them (issue 15's RSS target).
    const [g, r] = [(await graphql).memory(), (await raw).memory()];
    const ratio = g.rss / r.rss;
    print(
      table(
        "Server memory after the sections above",
        ["server", "RSS", "peak RSS (VmHWM)"],
        [
          ["GraphQL", mib(g.rss), mib(g.hwm)],
          ["raw SQL", mib(r.rss), mib(r.hwm)],
        ],
        `GraphQL / raw RSS: ${ratio.toFixed(2)}×.`,
      ),
    );
    targets.push({
      section: "memory",
      name: "GraphQL server RSS after the bench vs raw",
      target: "≤ 1.50×",
      actual: `${ratio.toFixed(2)}× (${mib(g.rss)} vs ${mib(r.rss)})`,
      pass: ratio <= 1.5,
    });
  }
  await stopAllChildren();
  if (args.profile && graphql) {
    const p = summarizeProfiles(profileDir);
    const share = (t: number) => `${((t / p.totalMs) * 100).toFixed(1)}%`;
    print(
      table(
        `GraphQL server CPU profile (after start-up; ${(p.totalMs / 1000).toFixed(1)} s of samples) — self time by package`,
        ["package", "self", "share"],
        p.byPackage.map(([k, t]) => [k, `${(t / 1000).toFixed(2)} s`, share(t)]),
      ),
    );
    print(
      table(
        "… and by function",
        ["function", "self", "share"],
        p.byFunction.map(([k, t]) => [k, `${(t / 1000).toFixed(2)} s`, share(t)]),
        `Profile: ${path.relative(process.cwd(), profileDir)} (open in Chrome DevTools → Performance).`,
      ),
    );
  }

  const probeEnd = await probe();
  log(
    `\nmachine speed probe at the end: Node ${probeEnd.nodeMs.toFixed(0)} ms, MariaDB ${probeEnd.mariadbMs.toFixed(0)} ms (start: ${probeStart.nodeMs.toFixed(0)} / ${probeStart.mariadbMs.toFixed(0)} ms)`,
  );
  const shown = targets.filter(
    (t) => !args.only || args.only.has(t.section) || t.section === "seed" || t.section === "memory",
  );
  print(targetsTable(shown));
  const passed = shown.filter((t) => t.pass).length;
  log(`\n${passed}/${shown.length} targets met; run took ${((Date.now() - started) / 1000).toFixed(0)} s.`);

  mkdirSync(RESULTS_DIR, { recursive: true });
  const file = path.join(RESULTS_DIR, "latest.json");
  const json = `${JSON.stringify(
    {
      finishedAt: new Date().toISOString(),
      seconds: (Date.now() - started) / 1000,
      machine: {
        cpus: os.cpus().length,
        cpuModel: os.cpus()[0]?.model,
        memoryBytes: os.totalmem(),
        node: process.version,
        speedProbe: { start: probeStart, end: probeEnd },
      },
      args: { ...args, only: args.only ? [...args.only] : null, sections: SECTIONS },
      dataset: { ...d, seededNow: seed.seeded, seedPhases: seed.phases, countersMatch: seed.countersMatch },
      sections,
      targets: shown,
      report: printed.join("\n"),
    },
    (key, value) => (key === "latencies" ? undefined : value),
    2,
  )}\n`;
  writeFileSync(file, json);
  // Earlier runs stay next to it, to compare (the machine is shared: compare runs with low "other CPU").
  writeFileSync(path.join(RESULTS_DIR, `run-${new Date(started).toISOString().replace(/[:.]/g, "-")}.json`), json);
  log(`results written to ${path.relative(process.cwd(), file) || file}`);
  if (failures.length) process.exitCode = 1;
}

process.once("exit", killChildrenNow);
for (const signal of ["SIGINT", "SIGTERM"] as const) {
  process.once(signal, () => {
    killChildrenNow();
    process.exit(130);
  });
}

main().catch(async (err) => {
  process.stderr.write(`${err?.stack ?? err}\n`);
  await stopAllChildren().catch(() => undefined);
  process.exit(1);
});
