import { spawn, type ChildProcess } from "node:child_process";
import path from "node:path";

const serverDir = path.resolve(__dirname, "..", "..");

export interface ServerProcess {
  url: string;
  child: ChildProcess;
  /** Everything it printed so far (stdout and stderr). */
  output(): string;
  /** SIGKILL: the process dies at once, mid-whatever, as in a crash or an OOM kill. */
  kill(): Promise<void>;
  /** SIGTERM: the graceful stop. */
  stop(): Promise<void>;
}

/**
 * The real server (`src/main.ts`) as a separate operating-system process, for faults only a process can have:
 * being killed, or a second one starting on the same database; `serverDir` runs another checkout's server (a
 * previous release). Resolves when it prints its address; rejects with
 * its output when it exits first.
 */
export function startServerProcess(
  env: Record<string, string>,
  options: { serverDir?: string; startMs?: number } = {},
): Promise<ServerProcess> {
  const { JEST_WORKER_ID: _worker, ...inherited } = process.env;
  const startMs = options.startMs ?? 30_000;
  const child = spawn(process.execPath, ["-r", "@swc-node/register", "src/main.ts"], {
    cwd: options.serverDir ?? serverDir,
    env: { ...inherited, PORT: "0", HOST: "127.0.0.1", CLIENT_DIST: "", LOG_LEVEL: "warn", ...env },
    stdio: ["ignore", "pipe", "pipe"],
  });
  let out = "";
  child.stdout!.on("data", (d: Buffer) => (out += d.toString()));
  child.stderr!.on("data", (d: Buffer) => (out += d.toString()));
  const exited = new Promise<void>((resolve) => child.once("exit", () => resolve()));
  const signal = async (sig: NodeJS.Signals) => {
    if (child.exitCode === null && child.signalCode === null) child.kill(sig);
    await exited;
  };
  return new Promise((resolve, reject) => {
    const timer = setTimeout(
      () => reject(new Error(`server did not start within ${startMs / 1000} s:\n${out}`)),
      startMs,
    );
    child.stdout!.on("data", () => {
      const m = /is running at (http:\/\/\S+)/.exec(out);
      if (!m) return;
      clearTimeout(timer);
      resolve({ url: m[1], child, output: () => out, kill: () => signal("SIGKILL"), stop: () => signal("SIGTERM") });
    });
    child.once("exit", (code) => {
      clearTimeout(timer);
      reject(Object.assign(new Error(`server exited with code ${code}:\n${out}`), { code, output: out }));
    });
  });
}
