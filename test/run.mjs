#!/usr/bin/env node
// The whole test suite, as README's test command runs it:
//   type checks → schema drift → API tests on SQLite → (MySQL/MariaDB reachable?) migrations + API tests on it
//   → (Chromium present?) console build + browser journeys → summary of what ran and what was skipped.
// With TEST_REQUIRE_ALL=1 (set by .ci/run) a missing database or browser fails instead of being skipped.
import { spawnSync } from "node:child_process";
import { existsSync } from "node:fs";
import net from "node:net";
import path from "node:path";
import { fileURLToPath } from "node:url";

const root = path.resolve(path.dirname(fileURLToPath(import.meta.url)), "..");
const requireAll = process.env.TEST_REQUIRE_ALL === "1";
const databaseUrl = process.env.DATABASE_URL || "mysql://root@127.0.0.1:3306/test";
const chromium = process.env.CHROMIUM_PATH || "/usr/bin/chromium";
const only = process.argv.slice(2); // e.g. `npm test -- sqlite` runs one stage

const results = [];

function stage(name, command, args, env = {}) {
  if (only.length && !only.some((o) => name.toLowerCase().includes(o.toLowerCase()))) return;
  console.log(`\n━━━ ${name} ━━━`);
  const started = Date.now();
  const run = spawnSync(command, args, { cwd: root, stdio: "inherit", env: { ...process.env, ...env } });
  const seconds = ((Date.now() - started) / 1000).toFixed(1);
  results.push({ name, status: run.status === 0 ? "passed" : "FAILED", seconds });
  if (run.status !== 0) finish();
}

function skip(name, why) {
  if (only.length && !only.some((o) => name.toLowerCase().includes(o.toLowerCase()))) return;
  results.push({ name, status: requireAll ? "FAILED (required)" : "skipped", seconds: "-", why });
}

function finish() {
  console.log("\n━━━ Summary ━━━");
  for (const r of results) {
    console.log(
      `  ${r.status.padEnd(18)} ${r.name.padEnd(44)} ${String(r.seconds).padStart(6)} s${r.why ? `  (${r.why})` : ""}`,
    );
  }
  const failed = results.some((r) => r.status.startsWith("FAILED"));
  const skipped = results.filter((r) => r.status === "skipped");
  if (skipped.length)
    console.log(
      `\n  Skipped ${skipped.length} stage(s): ${skipped.map((s) => s.name).join(", ")}. Set TEST_REQUIRE_ALL=1 to make that an error.`,
    );
  console.log(failed ? "\n  Test suite FAILED\n" : "\n  Test suite passed\n");
  process.exit(failed ? 1 : 0);
}

function reachable(url) {
  return new Promise((resolve) => {
    let host;
    let port;
    try {
      const u = new URL(url);
      host = u.hostname || host;
      port = Number(u.port || 3306);
    } catch {
      resolve(false);
      return;
    }
    const socket = net.connect({ host, port, timeout: 2000 }, () => {
      socket.end();
      resolve(true);
    });
    socket.on("error", () => resolve(false));
    socket.on("timeout", () => {
      socket.destroy();
      resolve(false);
    });
  });
}

const npm = process.platform === "win32" ? "npm.cmd" : "npm";
const npx = process.platform === "win32" ? "npx.cmd" : "npx";

stage("Formatting (prettier --check)", npx, ["prettier", "--check", "--log-level", "warn", "."]);
stage("Lint (eslint)", npx, ["eslint", "--max-warnings", "0", "."]);
stage("No import circles in server/src", process.execPath, ["scripts/check-import-cycles.mjs", "server/src"]);
stage("Shared rules unit tests (rules/)", process.execPath, ["--test", "rules/test/"]);
stage("Server type check (tsc --noEmit)", npm, ["run", "typecheck", "-w", "server"]);
stage("schema.graphql in sync with the code", npm, ["run", "schema:check", "-w", "server"]);
stage("Schema breaking-change check", npm, ["run", "schema:breaking", "-w", "server"]);
stage("Client codegen + type check (vue-tsc)", npm, ["run", "typecheck", "-w", "client"]);
stage("API tests on SQLite", npx, ["jest", "--config", "server/jest.config.js", "--rootDir", "server"], {
  TEST_DB: "sqlite",
});

if (await reachable(databaseUrl)) {
  stage("MySQL migrations match the entities", npm, ["run", "migration:check", "-w", "server"], {
    DATABASE_URL: databaseUrl,
  });
  stage("API tests on MySQL/MariaDB", npx, ["jest", "--config", "server/jest.config.js", "--rootDir", "server"], {
    TEST_DB: "mysql",
    DATABASE_URL: databaseUrl,
  });
} else {
  skip("MySQL migrations match the entities", `no database at ${databaseUrl}`);
  skip("API tests on MySQL/MariaDB", `no database at ${databaseUrl}`);
}

if (existsSync(chromium)) {
  stage("Build server and console", npm, ["run", "build"]);
  stage("Console journeys in Chromium", npx, ["jest", "--config", "test/e2e/jest.config.cjs"], {
    CHROMIUM_PATH: chromium,
  });
} else {
  skip("Console journeys in Chromium", `no browser at ${chromium} (apt-get install chromium)`);
}

finish();
