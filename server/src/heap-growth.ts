import { setFlagsFromString } from "node:v8";

/**
 * How far V8 lets the old generation grow past what survived the last full collection before it collects again,
 * in percent. Left to itself V8 picks a factor of up to 4 when collections are cheap, so a server whose live heap
 * is ~45 MiB sat at 250–270 MiB of RSS after an hour's load and never gave it back (issue 15: RSS ≤ 1.5× the raw
 * server's). 100 (a factor of 2) kept RSS ~15 % lower under the benchmark's load for ~2 % more CPU per request
 * (server/src/bench/RESULTS.md); 0 leaves V8's own choice. The setting is read at every collection, so it takes
 * effect when the server starts, in every worker.
 */
export function applyHeapGrowth(percent: number): void {
  if (percent > 0) setFlagsFromString(`--heap-growing-percent=${Math.round(percent)}`);
}
