import { setFlagsFromString } from "node:v8";

/**
 * How far V8 lets the old generation grow past what survived the last full collection before it collects again,
 * in percent. Left to itself V8 picks a factor of up to 4 when collections are cheap, so a server whose live heap
 * is ~45 MiB sat at 255–275 MiB of RSS after the benchmark's load and did not give it back (issue 15: RSS ≤ 1.5×
 * the raw server's). Measured under that load (server/src/bench/RESULTS.md): 100 kept 217 MiB for ~2 % more CPU per
 * request, 70 (the default) 207 MiB for ~3 %, 60 197 MiB for ~4 %, 40 188 MiB for ~10 %; 0 leaves V8's own
 * choice. The setting is read at every collection, so it takes effect when the server starts, in every worker.
 */
export function applyHeapGrowth(percent: number): void {
  if (percent > 0) setFlagsFromString(`--heap-growing-percent=${Math.round(percent)}`);
}
