import "reflect-metadata";
import { readFileSync, writeFileSync } from "node:fs";
import path from "node:path";
import { schemaSdl } from "./schema";

/** `emit` writes ../schema.graphql from the code; `check` fails when the committed file differs. */
const SCHEMA_FILE = path.resolve(__dirname, "..", "..", "schema.graphql");

async function main(mode: string) {
  const sdl = await schemaSdl();
  if (mode === "emit") {
    writeFileSync(SCHEMA_FILE, sdl);
    console.log(`schema.graphql written (${sdl.split("\n").length} lines)`);
    return;
  }
  let committed = "";
  try {
    committed = readFileSync(SCHEMA_FILE, "utf8");
  } catch {
    /* missing file counts as drift */
  }
  if (committed !== sdl) {
    console.error("schema.graphql is out of date with the code. Run `npm run schema:emit` and commit the result.");
    const a = committed.split("\n");
    const b = sdl.split("\n");
    const first = a.findIndex((line, i) => line !== b[i]);
    console.error(
      `first difference at line ${first + 1}:\n  committed: ${a[first] ?? "<end>"}\n  code:      ${b[first] ?? "<end>"}`,
    );
    process.exit(1);
  }
  console.log("schema.graphql is in sync with the code");
}

main(process.argv[2] ?? "check").catch((err) => {
  console.error(err);
  process.exit(1);
});
