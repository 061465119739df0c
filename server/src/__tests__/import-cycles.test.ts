import { spawnSync } from "node:child_process";
import { mkdirSync, mkdtempSync, rmSync, writeFileSync } from "node:fs";
import os from "node:os";
import path from "node:path";

/** The import-circle check that `npm test` runs over server/src: it passes there and fails on a circle. */
const script = path.resolve(__dirname, "../../../scripts/check-import-cycles.mjs");
const run = (dir: string) => spawnSync(process.execPath, [script, dir], { encoding: "utf8" });

it("finds no import circle in server/src", () => {
  const result = run(path.resolve(__dirname, ".."));
  expect(result.stderr).toBe("");
  expect(result.status).toBe(0);
});

it("fails on a circle, type-only imports included, and names the loop", () => {
  const dir = mkdtempSync(path.join(os.tmpdir(), "pa-cycles-"));
  try {
    mkdirSync(path.join(dir, "common"));
    writeFileSync(
      path.join(dir, "context.ts"),
      `import { principal } from "./common/auth";\nexport const x = principal;\n`,
    );
    writeFileSync(
      path.join(dir, "common", "auth.ts"),
      `import type { X } from "../context";\nexport const principal = 1;\n`,
    );
    writeFileSync(path.join(dir, "leaf.ts"), `import { x } from "./context";\nexport const y = x;\n`);
    const result = run(dir);
    expect(result.status).toBe(1);
    expect(result.stderr).toMatch(/1 import circle\(s\)/);
    expect(result.stderr).toMatch(
      /common\/auth\.ts → context\.ts → common\/auth\.ts|context\.ts → common\/auth\.ts → context\.ts/,
    );
  } finally {
    rmSync(dir, { recursive: true, force: true });
  }
});
