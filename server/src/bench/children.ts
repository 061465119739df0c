import { execFileSync, spawn, type ChildProcess } from "node:child_process";
import { mkdtempSync, readFileSync, rmSync } from "node:fs";
import os from "node:os";
import path from "node:path";
import { benchDbUrl, SERVER_DIR } from "./common";

/** A server the benchmark started in its own process (so the load generator does not share its event loop). */
export interface ChildServer {
  name: string;
  pid: number;
  /** The processes that serve (the workers of a cluster; else the child itself). */
  pids: number[];
  url: string;
  memory(): { rss: number; hwm: number };
  stop(): Promise<void>;
}

const running = new Set<ChildServer>();
const storageDirs = new Map<ChildServer, string>();

export function memoryOf(pid: number): { rss: number; hwm: number } {
  const status = readFileSync(`/proc/${pid}/status`, "utf8");
  const kb = (key: string) => Number(new RegExp(`^${key}:\\s+(\\d+) kB`, "m").exec(status)?.[1] ?? NaN) * 1024;
  return { rss: kb("VmRSS"), hwm: kb("VmHWM") };
}

/** Samples VmRSS every `everyMs` until stopped; returns the highest sample. */
export function sampleRss(pid: number, everyMs = 20): { stop(): number } {
  let peak = 0;
  const timer = setInterval(() => {
    try {
      peak = Math.max(peak, memoryOf(pid).rss);
    } catch {
      /* process gone */
    }
  }, everyMs);
  return {
    stop() {
      clearInterval(timer);
      try {
        peak = Math.max(peak, memoryOf(pid).rss);
      } catch {
        /* process gone */
      }
      return peak;
    },
  };
}

const BENCH_DIST = path.join(SERVER_DIR, "bench-dist");
let built = false;

/**
 * Compiles the server and the benchmark's child scripts with tsc (incremental, into server/bench-dist) once per
 * run: the servers under test run as production runs them, plain `node` on compiled JavaScript. Under swc-node's
 * on-the-fly compiler every server carried ~100 MiB of compiler in its RSS and a hooked `require`, which skewed
 * the memory ratio and the CPU of code that requires lazily (mysql2 and type-graphql do, per query).
 */
export function buildChildScripts(log: (line: string) => void = () => undefined): void {
  if (built) return;
  const started = Date.now();
  execFileSync(process.execPath, [require.resolve("typescript/bin/tsc"), "-p", "tsconfig.bench.json"], {
    cwd: SERVER_DIR,
    stdio: ["ignore", "inherit", "inherit"],
  });
  built = true;
  log(`  servers compiled with tsc into bench-dist/ in ${((Date.now() - started) / 1000).toFixed(1)} s`);
}

/**
 * Starts `src/bench/<script>` compiled (bench-dist/bench/<script>.js) with plain node; the script prints
 * `BENCH_READY {"url": …}` once it listens.
 * Output lines are kept for diagnostics and shown if the child dies.
 */
export async function startChild(
  name: string,
  script: string,
  env: Record<string, string> = {},
  nodeArgs: string[] = [],
): Promise<ChildServer> {
  buildChildScripts();
  const storageDir = mkdtempSync(path.join(os.tmpdir(), "pa-bench-files-"));
  const child: ChildProcess = spawn(
    process.execPath,
    [...nodeArgs, path.join(BENCH_DIST, "bench", script.replace(/\.ts$/, ".js"))],
    {
      cwd: SERVER_DIR,
      env: {
        ...process.env,
        NODE_ENV: "production",
        LOG_LEVEL: "warn",
        DATABASE_URL: benchDbUrl(),
        PORT: "0",
        HOST: "127.0.0.1",
        CLIENT_DIST: "",
        STORAGE_DIR: storageDir,
        APP_SECRET: "bench-secret",
        // Load from one address must not trip per-client limits (if the server has them).
        RATE_LIMIT_PER_MINUTE: "100000000",
        ANONYMOUS_RATE_LIMIT_PER_MINUTE: "100000000",
        ...env,
      },
      stdio: ["ignore", "pipe", "pipe"],
    },
  );
  const tail: string[] = [];
  const keep = (prefix: string) => (chunk: Buffer) => {
    for (const line of chunk.toString().split("\n")) {
      if (!line.trim()) continue;
      tail.push(`${prefix}${line}`);
      if (tail.length > 40) tail.shift();
    }
  };
  child.stderr!.on("data", keep("[stderr] "));
  let exited = false;
  const exit = new Promise<void>((resolve) =>
    child.once("exit", () => {
      exited = true;
      resolve();
    }),
  );

  let pids: number[] | undefined;
  const url = await new Promise<string>((resolve, reject) => {
    let buffer = "";
    const timer = setTimeout(() => reject(new Error(`${name} did not start within 90 s:\n${tail.join("\n")}`)), 90_000);
    child.stdout!.on("data", (chunk: Buffer) => {
      buffer += chunk.toString();
      let nl: number;
      while ((nl = buffer.indexOf("\n")) >= 0) {
        const line = buffer.slice(0, nl);
        buffer = buffer.slice(nl + 1);
        if (line.startsWith("BENCH_READY ")) {
          clearTimeout(timer);
          const ready = JSON.parse(line.slice(12)) as { url: string; pids?: number[] };
          pids = ready.pids;
          resolve(ready.url);
        } else if (line.trim()) {
          tail.push(line);
          if (tail.length > 40) tail.shift();
        }
      }
    });
    child.once("exit", (code) => {
      clearTimeout(timer);
      reject(new Error(`${name} exited with ${code} before it was ready:\n${tail.join("\n")}`));
    });
  });

  const server: ChildServer = {
    name,
    pid: child.pid!,
    pids: pids ?? [child.pid!],
    url,
    memory: () =>
      server.pids.map(memoryOf).reduce((a, m) => ({ rss: a.rss + m.rss, hwm: a.hwm + m.hwm }), { rss: 0, hwm: 0 }),
    async stop() {
      running.delete(server);
      if (!exited) {
        child.kill("SIGTERM");
        const timeout = new Promise<"timeout">((resolve) => setTimeout(() => resolve("timeout"), 10_000));
        if ((await Promise.race([exit, timeout])) === "timeout") {
          child.kill("SIGKILL");
          await exit;
        }
      }
      rmSync(storageDir, { recursive: true, force: true });
      storageDirs.delete(server);
    },
  };
  storageDirs.set(server, storageDir);
  child.once("exit", (code, signal) => {
    if (running.has(server) && signal !== "SIGTERM") {
      process.stderr.write(
        `\n${name} (pid ${server.pid}) exited unexpectedly (${code ?? signal}):\n${tail.join("\n")}\n`,
      );
    }
  });
  running.add(server);
  return server;
}

export async function stopAllChildren(): Promise<void> {
  await Promise.all([...running].map((s) => s.stop()));
}

/** Synchronous last resort on exit: signal only the children this process started. */
export function killChildrenNow(): void {
  for (const s of running) {
    try {
      process.kill(s.pid, "SIGKILL");
    } catch {
      /* already gone */
    }
  }
  for (const dir of storageDirs.values()) rmSync(dir, { recursive: true, force: true });
}
