import "reflect-metadata";
import { mkdirSync, writeFileSync } from "node:fs";
import { Session } from "node:inspector/promises";
import path from "node:path";
import { createApp } from "../app";
import { loadConfig } from "../config";

/**
 * The GraphQL service exactly as production starts it (createApp, NODE_ENV=production, LOG_LEVEL=warn),
 * run by the benchmark as a child process against pa_bench. Prints BENCH_READY once listening.
 * With BENCH_PROFILE_DIR set, V8 CPU-profiles everything after start-up and writes the profile on SIGTERM.
 * With BENCH_HEAP_FILE set (and --expose-gc), collects garbage every 500 ms and records the largest live
 * heap (heapUsed right after a full GC): what the process really retains, as opposed to what V8 lets RSS grow to.
 */
async function main() {
  const app = await createApp({ ...loadConfig(), clientDist: null });
  const profileDir = process.env.BENCH_PROFILE_DIR;
  let session: Session | null = null;
  if (profileDir) {
    session = new Session();
    session.connect();
    await session.post("Profiler.enable");
    await session.post("Profiler.setSamplingInterval", { interval: 500 });
    await session.post("Profiler.start");
  }
  const heapFile = process.env.BENCH_HEAP_FILE;
  const gc = (globalThis as { gc?: () => void }).gc;
  const heap = {
    baseline: 0,
    maxLive: 0,
    samples: 0,
    maxHeapTotal: 0,
    maxExternal: 0,
    maxArrayBuffers: 0,
    maxRssBeforeGc: 0,
  };
  if (heapFile && gc) {
    gc();
    heap.baseline = heap.maxLive = process.memoryUsage().heapUsed;
    setInterval(() => {
      const before = process.memoryUsage();
      heap.maxHeapTotal = Math.max(heap.maxHeapTotal, before.heapTotal);
      heap.maxExternal = Math.max(heap.maxExternal, before.external);
      heap.maxArrayBuffers = Math.max(heap.maxArrayBuffers, before.arrayBuffers);
      heap.maxRssBeforeGc = Math.max(heap.maxRssBeforeGc, before.rss);
      gc();
      heap.samples++;
      heap.maxLive = Math.max(heap.maxLive, process.memoryUsage().heapUsed);
    }, 500).unref();
  }
  process.stdout.write(`BENCH_READY ${JSON.stringify({ url: app.url, pid: process.pid })}\n`);
  const stop = async () => {
    if (session && profileDir) {
      const { profile } = await session.post("Profiler.stop");
      mkdirSync(profileDir, { recursive: true });
      writeFileSync(path.join(profileDir, `graphql-${process.pid}.cpuprofile`), JSON.stringify(profile));
    }
    if (heapFile) writeFileSync(heapFile, JSON.stringify(heap));
    await app.close().catch(() => undefined);
    process.exit(0);
  };
  process.once("SIGTERM", stop);
  process.once("SIGINT", stop);
}

main().catch((err) => {
  process.stderr.write(`${err?.stack ?? err}\n`);
  process.exit(1);
});
