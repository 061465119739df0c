import cluster, { type Worker } from "node:cluster";
import os from "node:os";
import { logger } from "./logger";

/**
 * Worker processes (node:cluster): the primary prepares the database once (migrations, demo data), then forks
 * WORKERS servers that share one port (the primary hands each new connection to the next worker) and replaces a
 * worker that dies. Sessions, rate limits, caches and signed links live in the database, so any worker may serve
 * any request.
 */

/** WORKERS, or one per core in production on MySQL; one in development and on SQLite (one process per file). */
export function workerCount(env: NodeJS.ProcessEnv, databaseUrl: string | null): number {
  const configured = Number(env.WORKERS);
  if (env.WORKERS && Number.isInteger(configured) && configured >= 1) {
    if (configured > 1 && !databaseUrl)
      throw new WorkersNeedMysqlError(
        `WORKERS=${configured} needs MySQL (DATABASE_URL): an SQLite file is served by one process only`,
      );
    return configured;
  }
  if (env.WORKERS)
    throw new WorkersNeedMysqlError(`WORKERS must be a whole number of at least 1, not "${env.WORKERS}"`);
  return env.NODE_ENV === "production" && databaseUrl ? os.availableParallelism() : 1;
}

export class WorkersNeedMysqlError extends Error {}

/** What a worker tells the primary once it listens. */
interface Listening {
  type: "listening";
  url: string;
}

const isListening = (m: unknown): m is Listening =>
  typeof m === "object" && m !== null && (m as { type?: unknown }).type === "listening";

/** A message a worker sends for all the others (e.g. "these cached principals are stale"); the primary relays it. */
interface Broadcast {
  type: "broadcast";
  topic: string;
}

const isBroadcast = (m: unknown): m is Broadcast =>
  typeof m === "object" && m !== null && (m as { type?: unknown }).type === "broadcast";

function relay(from: Worker, message: Broadcast): void {
  for (const w of Object.values(cluster.workers ?? {}))
    if (w && w !== from && w.isConnected())
      w.send(message, (err: Error | null) => err && logger.warn({ err }, "relay failed"));
}

/** Only a restart this soon after the previous one is delayed (a worker that dies at once would otherwise spin). */
const RESTART_BACKOFF_MS = 1000;

/**
 * In the primary: forks `count` workers, resolves with the address once all of them listen, and keeps `count`
 * running: a worker that exits without being asked to is replaced. A worker that dies before it ever listened fails
 * the start (its error is in the log), rather than being restarted forever.
 */
export function runWorkers(count: number): Promise<{ url: string; stop(): Promise<void> }> {
  let stopping = false;
  let lastRestart = 0;
  let started = false;
  const ready = new Set<number>();
  return new Promise((resolve, reject) => {
    const fork = (): Worker => {
      const worker = cluster.fork();
      worker.on("message", (message: unknown) => {
        if (isBroadcast(message)) return relay(worker, message);
        if (!isListening(message)) return;
        ready.add(worker.id);
        if (!started && ready.size >= count) {
          started = true;
          resolve({ url: message.url, stop });
        }
      });
      return worker;
    };
    cluster.on("exit", (worker, code, signal) => {
      const wasReady = ready.delete(worker.id);
      if (stopping) return;
      if (!started && !wasReady) {
        stopping = true;
        for (const w of Object.values(cluster.workers ?? {})) w?.process.kill("SIGTERM");
        reject(new Error(`worker ${worker.process.pid} stopped during start-up (code ${code ?? signal})`));
        return;
      }
      logger.error({ pid: worker.process.pid, code, signal }, "worker process died; starting another");
      const wait = Math.max(0, lastRestart + RESTART_BACKOFF_MS - Date.now());
      lastRestart = Date.now() + wait;
      setTimeout(() => !stopping && fork(), wait);
    });
    for (let i = 0; i < count; i++) fork();
  });

  async function stop() {
    stopping = true;
    const workers = Object.values(cluster.workers ?? {}).filter((w): w is Worker => !!w);
    await Promise.all(
      workers.map(
        (w) =>
          new Promise<void>((resolve) => {
            if (w.isDead()) return resolve();
            w.once("exit", () => resolve());
            w.process.kill("SIGTERM");
          }),
      ),
    );
  }
}

/** In a worker: tells the primary it serves. */
export function announceListening(url: string): void {
  process.send?.({ type: "listening", url } satisfies Listening);
}

export const isWorker = () => cluster.isWorker;
export const workerId = () => cluster.worker?.id ?? null;
