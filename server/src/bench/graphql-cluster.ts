import "reflect-metadata";
import cluster from "node:cluster";
import { createApp, openDatabase } from "../app";
import { announceListening, runWorkers } from "../cluster";
import { loadConfig } from "../config";

/**
 * The GraphQL service as WORKERS=N starts it (node:cluster, server/src/cluster.ts): the primary forks N workers
 * sharing one port. The benchmark runs it as a child process; BENCH_READY lists the workers' pids, whose CPU and
 * memory are the server's.
 */
async function primary() {
  const running = await runWorkers(Number(process.env.WORKERS ?? 2));
  const pids = Object.values(cluster.workers ?? {}).map((w) => w!.process.pid!);
  process.stdout.write(`BENCH_READY ${JSON.stringify({ url: running.url, pid: process.pid, pids })}\n`);
  const stop = () => void running.stop().finally(() => process.exit(0));
  process.once("SIGTERM", stop);
  process.once("SIGINT", stop);
}

async function worker() {
  const config = { ...loadConfig(), clientDist: null };
  const ds = await openDatabase(config, { migrate: false });
  const app = await createApp(config, { ds });
  announceListening(app.url);
  const stop = () =>
    void app
      .close()
      .then(() => ds.destroy())
      .finally(() => process.exit(0));
  process.once("SIGTERM", stop);
  process.once("disconnect", stop);
}

(cluster.isPrimary ? primary() : worker()).catch((err) => {
  process.stderr.write(`${err?.stack ?? err}\n`);
  process.exit(1);
});
