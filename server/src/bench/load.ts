import http from "node:http";
import { performance } from "node:perf_hooks";
import { prng } from "../common/prng";

/**
 * A small closed-loop load generator on node:http keep-alive agents: `concurrency` clients each send
 * the next request as soon as the previous answer is complete. Latency is measured per request.
 */

export interface RequestSpec {
  method: "GET" | "POST";
  path: string;
  headers?: Record<string, string>;
  body?: string;
}

export interface LoadOptions {
  baseUrl: string;
  concurrency: number;
  /** Run for a fixed time … */
  durationMs?: number;
  /** … or a fixed number of requests. */
  requests?: number;
  warmupMs?: number;
  /** Seed of the request sequence (same seed ⇒ same sequence of pages on both servers). */
  seed?: number;
  build: (random: () => number) => RequestSpec;
  /** A response counts as an error when this says so (default: status ≠ 200). */
  isError?: (status: number, body: Buffer) => boolean;
}

export interface LatencyStats {
  requests: number;
  errors: number;
  seconds: number;
  rps: number;
  mean: number;
  p50: number;
  p90: number;
  p99: number;
  max: number;
  errorSamples: string[];
  /** Every measured latency (ms), for merging rounds; left out of the JSON results. */
  latencies?: number[];
}

/** Stats over several rounds of the same load (rounds alternate between servers, so background load hits both alike). */
export function mergeStats(runs: LatencyStats[]): LatencyStats {
  const latencies = runs.flatMap((r) => r.latencies ?? []);
  return statsOf(
    latencies,
    runs.reduce((n, r) => n + r.errors, 0),
    runs.reduce((n, r) => n + r.seconds, 0),
    runs.flatMap((r) => r.errorSamples).slice(0, 3),
  );
}

export const graphqlError = (status: number, body: Buffer) => status !== 200 || body.includes('"errors"');

function send(agent: http.Agent, url: URL, spec: RequestSpec): Promise<{ status: number; body: Buffer }> {
  return new Promise((resolve, reject) => {
    const headers: Record<string, string | number> = { ...(spec.headers ?? {}) };
    if (spec.body !== undefined) headers["content-length"] = Buffer.byteLength(spec.body);
    const req = http.request(
      { agent, hostname: url.hostname, port: url.port, method: spec.method, path: spec.path, headers },
      (res) => {
        const chunks: Buffer[] = [];
        res.on("data", (c: Buffer) => chunks.push(c));
        res.on("end", () =>
          resolve({ status: res.statusCode ?? 0, body: chunks.length === 1 ? chunks[0] : Buffer.concat(chunks) }),
        );
        res.on("error", reject);
      },
    );
    req.on("error", reject);
    if (spec.body !== undefined) req.write(spec.body);
    req.end();
  });
}

export function percentile(sorted: number[], p: number): number {
  if (!sorted.length) return NaN;
  return sorted[Math.min(sorted.length - 1, Math.max(0, Math.ceil((p / 100) * sorted.length) - 1))];
}

export function statsOf(
  latencies: number[],
  errors: number,
  seconds: number,
  errorSamples: string[] = [],
): LatencyStats {
  const sorted = Float64Array.from(latencies).sort();
  const list = Array.from(sorted);
  return {
    requests: latencies.length,
    errors,
    seconds,
    rps: latencies.length / seconds,
    mean: list.reduce((a, b) => a + b, 0) / Math.max(1, list.length),
    p50: percentile(list, 50),
    p90: percentile(list, 90),
    p99: percentile(list, 99),
    max: list[list.length - 1] ?? NaN,
    errorSamples,
    latencies,
  };
}

export async function runLoad(o: LoadOptions): Promise<LatencyStats> {
  const url = new URL(o.baseUrl);
  const agent = new http.Agent({ keepAlive: true, maxSockets: o.concurrency, maxFreeSockets: o.concurrency });
  const isError = o.isError ?? ((status: number) => status !== 200);

  // Warm-up: the same kind of requests (another random sequence), nothing recorded.
  if (o.warmupMs) {
    const warmupEnd = performance.now() + o.warmupMs;
    await Promise.all(
      Array.from({ length: o.concurrency }, async (_, w) => {
        const random = prng(999 + w);
        while (performance.now() < warmupEnd) await send(agent, url, o.build(random)).catch(() => undefined);
      }),
    );
  }

  const latencies: number[] = [];
  const errorSamples: string[] = [];
  let errors = 0;
  let issued = 0;
  const measureStart = performance.now();
  const measureEnd = o.durationMs !== undefined ? measureStart + o.durationMs : Infinity;
  let lastDone = measureStart;
  const worker = async (w: number) => {
    const random = prng((o.seed ?? 1) * 7919 + w);
    for (;;) {
      const t0 = performance.now();
      if (t0 >= measureEnd || (o.requests !== undefined && issued >= o.requests)) return;
      issued++;
      let failed: string | null = null;
      try {
        const res = await send(agent, url, o.build(random));
        if (isError(res.status, res.body)) failed = `${res.status} ${res.body.subarray(0, 300).toString()}`;
      } catch (err) {
        failed = String((err as Error).message ?? err);
      }
      const t1 = performance.now();
      latencies.push(t1 - t0);
      lastDone = Math.max(lastDone, t1);
      if (failed) {
        errors++;
        if (errorSamples.length < 3) errorSamples.push(failed);
      }
    }
  };
  await Promise.all(Array.from({ length: o.concurrency }, (_, w) => worker(w)));
  agent.destroy();
  // Requests still running at the end of a timed run finish and count: divide by the time they took.
  const seconds = (lastDone - measureStart) / 1000;
  return statsOf(latencies, errors, seconds, errorSamples);
}

/** One request outside a load run (set-up, checks). */
export async function request(baseUrl: string, spec: RequestSpec): Promise<{ status: number; body: Buffer }> {
  const agent = new http.Agent({ keepAlive: false });
  try {
    return await send(agent, new URL(baseUrl), spec);
  } finally {
    agent.destroy();
  }
}
