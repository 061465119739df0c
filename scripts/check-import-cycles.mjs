#!/usr/bin/env node
// Fails on any import circle among the server's modules (type-only imports count: they tie modules together for
// the reader and the compiler even when they vanish at run time). Usage: node scripts/check-import-cycles.mjs [dir]
import { readdirSync, readFileSync, statSync } from "node:fs";
import path from "node:path";
import { fileURLToPath } from "node:url";
import ts from "typescript";

const root = path.resolve(path.dirname(fileURLToPath(import.meta.url)), "..");
const dir = path.resolve(root, process.argv[2] ?? "server/src");

function sources(d) {
  return readdirSync(d).flatMap((name) => {
    const p = path.join(d, name);
    if (statSync(p).isDirectory()) return name === "node_modules" ? [] : sources(p);
    return /\.ts$/.test(name) && !/\.d\.ts$/.test(name) ? [p] : [];
  });
}

function resolve(from, spec) {
  if (!spec.startsWith(".")) return null;
  const base = path.resolve(path.dirname(from), spec);
  for (const candidate of [base, `${base}.ts`, path.join(base, "index.ts")]) {
    try {
      if (statSync(candidate).isFile() && candidate.endsWith(".ts")) return candidate;
    } catch {
      /* not this one */
    }
  }
  return null;
}

const files = sources(dir);
const edges = new Map(
  files.map((file) => [
    file,
    ts
      .preProcessFile(readFileSync(file, "utf8"), true, true)
      .importedFiles.map((i) => resolve(file, i.fileName))
      .filter(Boolean),
  ]),
);

// Tarjan's strongly connected components: every component with more than one module (or a self-import) is a circle.
let index = 0;
const stack = [];
const state = new Map();
const circles = [];
function visit(v) {
  state.set(v, { index, low: index, onStack: true });
  index++;
  stack.push(v);
  for (const w of edges.get(v) ?? []) {
    if (!state.has(w)) {
      visit(w);
      state.get(v).low = Math.min(state.get(v).low, state.get(w).low);
    } else if (state.get(w).onStack) state.get(v).low = Math.min(state.get(v).low, state.get(w).index);
  }
  if (state.get(v).low === state.get(v).index) {
    const component = [];
    let w;
    do {
      w = stack.pop();
      state.get(w).onStack = false;
      component.push(w);
    } while (w !== v);
    if (component.length > 1 || (edges.get(v) ?? []).includes(v)) circles.push(component);
  }
}
for (const file of files) if (!state.has(file)) visit(file);

/** One concrete loop through a component, for the message. */
function loopThrough(component) {
  const members = new Set(component);
  const start = component[0];
  const pathTo = new Map([[start, [start]]]);
  const queue = [start];
  while (queue.length) {
    const v = queue.shift();
    for (const w of edges.get(v) ?? []) {
      if (!members.has(w)) continue;
      if (w === start) return [...pathTo.get(v), start];
      if (!pathTo.has(w)) {
        pathTo.set(w, [...pathTo.get(v), w]);
        queue.push(w);
      }
    }
  }
  return component;
}

const rel = (p) => path.relative(dir, p);
if (circles.length) {
  console.error(`${circles.length} import circle(s) in ${path.relative(root, dir)}:`);
  for (const c of circles)
    console.error(`  ${loopThrough(c).map(rel).join(" → ")}${c.length > 2 ? `  (${c.length} modules)` : ""}`);
  process.exit(1);
}
console.log(`no import circles in ${path.relative(root, dir)} (${files.length} modules)`);
