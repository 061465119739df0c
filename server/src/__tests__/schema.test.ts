import { execFileSync } from "node:child_process";
import { mkdtempSync, readFileSync, writeFileSync } from "node:fs";
import os from "node:os";
import path from "node:path";
import {
  isEnumType,
  isInputObjectType,
  isInterfaceType,
  isObjectType,
  isScalarType,
  isSpecifiedScalarType,
} from "graphql";
import { breakingChanges } from "../schema-breaking";
import { buildAppSchema, schemaSdl } from "../schema";

const SCHEMA_FILE = path.resolve(__dirname, "..", "..", "..", "schema.graphql");

describe("schema.graphql", () => {
  it("is what the code produces (the drift check)", async () => {
    expect(readFileSync(SCHEMA_FILE, "utf8")).toBe(await schemaSdl());
  });

  it("describes every type, field, argument and enum value", async () => {
    const schema = await buildAppSchema();
    const missing: string[] = [];
    for (const type of Object.values(schema.getTypeMap())) {
      if (type.name.startsWith("__") || (isScalarType(type) && isSpecifiedScalarType(type))) continue;
      if (!type.description?.trim()) missing.push(type.name);
      if (isObjectType(type) || isInterfaceType(type) || isInputObjectType(type)) {
        for (const field of Object.values(type.getFields())) {
          if (!field.description?.trim()) missing.push(`${type.name}.${field.name}`);
          for (const arg of "args" in field ? field.args : [])
            if (!arg.description?.trim()) missing.push(`${type.name}.${field.name}(${arg.name})`);
        }
      }
      if (isEnumType(type))
        for (const value of type.getValues())
          if (!value.description?.trim()) missing.push(`${type.name}.${value.name}`);
    }
    expect(missing).toEqual([]);
  });
});

describe("breaking-change check", () => {
  const base = `
    type Query { physician(id: Int!): Physician  legacy: String @deprecated(reason: "use physician") }
    type Physician { id: Int!  name: String!  oldCode: String @deprecated(reason: "gone")  level: Level! }
    enum Level { PHYSICIAN ASSISTANT OLD @deprecated(reason: "merged") }
  `;

  it("fails on removing a field, an enum value or a type that was not deprecated first", () => {
    const broken = base.replace("name: String!", "").replace("ASSISTANT", "");
    expect(breakingChanges(base, broken)).toEqual([
      "FIELD_REMOVED: Physician.name was removed.",
      "VALUE_REMOVED_FROM_ENUM: ASSISTANT was removed from enum type Level.",
    ]);
  });

  it("accepts removing what was deprecated, and additions", () => {
    const next = base
      .replace('oldCode: String @deprecated(reason: "gone")', "")
      .replace('legacy: String @deprecated(reason: "use physician")', "")
      .replace('OLD @deprecated(reason: "merged")', "")
      .replace("level: Level!", "level: Level!  title: String");
    expect(breakingChanges(base, next)).toEqual([]);
  });

  it("fails on type changes that break clients", () => {
    expect(breakingChanges(base, base.replace("id: Int!  name", "id: String!  name"))).toEqual([
      "FIELD_CHANGED_KIND: Physician.id changed type from Int! to String!.",
    ]);
  });

  it("the CLI exits non-zero on a deliberately broken copy of the real schema", () => {
    const dir = mkdtempSync(path.join(os.tmpdir(), "pa-schema-"));
    const real = readFileSync(SCHEMA_FILE, "utf8");
    const broken = path.join(dir, "broken.graphql");
    writeFileSync(broken, real.replace(/\n {2}"""[^"]*"""\n {2}statusLabel: String!\n/, "\n"));
    expect(real).not.toBe(readFileSync(broken, "utf8"));
    const run = (args: string[]) => {
      try {
        return {
          code: 0,
          out: execFileSync("node", ["-r", "@swc-node/register", "src/schema-breaking.ts", ...args], {
            cwd: path.resolve(__dirname, "..", ".."),
            encoding: "utf8",
            stdio: "pipe",
          }),
        };
      } catch (err) {
        const e = err as { status: number; stderr: string };
        return { code: e.status, out: e.stderr };
      }
    };
    const failed = run(["--against", SCHEMA_FILE, "--schema", broken]);
    expect(failed.code).toBe(1);
    expect(failed.out).toContain("statusLabel was removed");
    expect(run(["--against", SCHEMA_FILE, "--schema", SCHEMA_FILE]).code).toBe(0);
  });
});
