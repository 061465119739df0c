import { readdirSync, readFileSync } from "node:fs";
import path from "node:path";

/** Reads the V8 CPU profile(s) a child wrote with --cpu-prof and sums self time by function and by package. */

interface ProfileNode {
  id: number;
  callFrame: { functionName: string; url: string; lineNumber: number };
  hitCount?: number;
  children?: number[];
}
interface CpuProfile {
  nodes: ProfileNode[];
  startTime: number;
  endTime: number;
  samples?: number[];
  timeDeltas?: number[];
}

function packageOf(url: string): string {
  if (!url) return "(native / GC / idle)";
  const nm = url.lastIndexOf("node_modules/");
  if (nm >= 0) {
    const rest = url.slice(nm + 13).split("/");
    return rest[0].startsWith("@") ? `${rest[0]}/${rest[1]}` : rest[0];
  }
  if (url.startsWith("node:")) return "node core";
  const src = url.indexOf("/src/");
  return src >= 0
    ? `app ${url
        .slice(src + 5)
        .split("/")
        .slice(0, 2)
        .join("/")}`
    : url;
}

export function summarizeProfiles(
  dir: string,
  top = 20,
): { byPackage: [string, number][]; byFunction: [string, number][]; totalMs: number } {
  const byPackage = new Map<string, number>();
  const byFunction = new Map<string, number>();
  let totalMs = 0;
  for (const file of readdirSync(dir).filter((f) => f.endsWith(".cpuprofile"))) {
    const profile = JSON.parse(readFileSync(path.join(dir, file), "utf8")) as CpuProfile;
    const nodes = new Map(profile.nodes.map((n) => [n.id, n]));
    const self = new Map<number, number>();
    (profile.samples ?? []).forEach((id, i) =>
      self.set(id, (self.get(id) ?? 0) + (profile.timeDeltas?.[i] ?? 0) / 1000),
    );
    for (const [id, t] of self) {
      const n = nodes.get(id)!;
      const fn = n.callFrame.functionName || "(anonymous)";
      if (fn === "(idle)") continue;
      totalMs += t;
      const pkg = fn === "(garbage collector)" ? "(garbage collector)" : packageOf(n.callFrame.url);
      byPackage.set(pkg, (byPackage.get(pkg) ?? 0) + t);
      const key = `${fn}  ${n.callFrame.url.replace(/^.*node_modules\//, "").replace(/^.*\/src\//, "src/")}:${n.callFrame.lineNumber + 1}`;
      byFunction.set(key, (byFunction.get(key) ?? 0) + t);
    }
  }
  const sorted = (m: Map<string, number>) => [...m.entries()].sort((a, b) => b[1] - a[1]).slice(0, top);
  return { byPackage: sorted(byPackage), byFunction: sorted(byFunction), totalMs };
}
