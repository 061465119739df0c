import { readdirSync, readFileSync, statSync } from "node:fs";
import path from "node:path";
import ts from "typescript";

/**
 * Arrows one way: features import db/, never the reverse. db/ knows no entity list and no demo data (the composition
 * root, server/src/entities.ts and app.ts, passes the entities; demo data lives in server/src/demo/).
 */
const src = path.resolve(__dirname, "..", "..");
const dbDir = path.join(src, "db");
/** What db/ may import from outside itself: leaves that import nothing of the product. */
const ALLOWED = new Set([path.join(src, "logger.ts")]);

function sources(dir: string): string[] {
  return readdirSync(dir).flatMap((name) => {
    const p = path.join(dir, name);
    if (statSync(p).isDirectory()) return name === "__tests__" ? [] : sources(p);
    return name.endsWith(".ts") ? [p] : [];
  });
}

it("db/ imports nothing of the features above it", () => {
  const outward: string[] = [];
  for (const file of sources(dbDir)) {
    for (const { fileName } of ts.preProcessFile(readFileSync(file, "utf8"), true, true).importedFiles) {
      if (!fileName.startsWith(".")) continue;
      const target = path.resolve(path.dirname(file), fileName);
      const resolved = target.endsWith(".ts") ? target : `${target}.ts`;
      if (!resolved.startsWith(`${dbDir}${path.sep}`) && !ALLOWED.has(resolved))
        outward.push(`${path.relative(src, file)} → ${fileName}`);
    }
  }
  expect(outward).toEqual([]);
});
