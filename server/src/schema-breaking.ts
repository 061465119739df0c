import { execFileSync } from "node:child_process";
import { readFileSync } from "node:fs";
import path from "node:path";
import {
  buildSchema,
  BreakingChangeType,
  findBreakingChanges,
  isEnumType,
  isInputObjectType,
  isInterfaceType,
  isObjectType,
  type GraphQLSchema,
} from "graphql";

/**
 * Fails when schema.graphql breaks clients relative to the previous committed schema: a type,
 * field, argument or enum value may only be removed after a release in which it was deprecated.
 *   schema:breaking                      compare with the last committed schema that differs
 *   schema:breaking -- --against <file>  compare with a given old schema (tests use this)
 */
const repoRoot = path.resolve(__dirname, "..", "..");
const SCHEMA_FILE = path.join(repoRoot, "schema.graphql");

function git(args: string[]): string | null {
  try {
    return execFileSync("git", args, { cwd: repoRoot, encoding: "utf8", stdio: ["ignore", "pipe", "ignore"] });
  } catch {
    return null;
  }
}

/** The newest committed version of schema.graphql that differs from the working copy. */
function previousCommittedSchema(current: string): { sdl: string; commit: string } | null {
  const commits = git(["log", "--format=%H", "--", "schema.graphql"])?.split("\n").filter(Boolean) ?? [];
  for (const commit of commits) {
    const sdl = git(["show", `${commit}:schema.graphql`]);
    if (sdl !== null && sdl !== current) return { sdl, commit };
  }
  return null;
}

/** Was the removed element marked @deprecated in the old schema? */
function wasDeprecated(old: GraphQLSchema, description: string, type: BreakingChangeType): boolean {
  if (type === BreakingChangeType.FIELD_REMOVED) {
    const m = /^(\w+)\.(\w+) was removed\.$/.exec(description);
    const t = m && old.getType(m[1]);
    if (t && (isObjectType(t) || isInterfaceType(t) || isInputObjectType(t)))
      return !!t.getFields()[m[2]]?.deprecationReason;
  }
  if (type === BreakingChangeType.VALUE_REMOVED_FROM_ENUM) {
    const m = /^(\w+) was removed from enum type (\w+)\.$/.exec(description);
    const t = m && old.getType(m[2]);
    if (t && isEnumType(t)) return !!t.getValue(m[1])?.deprecationReason;
  }
  if (type === BreakingChangeType.ARG_REMOVED) {
    const m = /^(\w+)\.(\w+) arg (\w+) was removed\.$/.exec(description);
    const t = m && old.getType(m[1]);
    if (t && (isObjectType(t) || isInterfaceType(t)))
      return !!t.getFields()[m[2]]?.args.find((a) => a.name === m[3])?.deprecationReason;
  }
  return false;
}

export function breakingChanges(oldSdl: string, newSdl: string): string[] {
  const oldSchema = buildSchema(oldSdl);
  const changes = findBreakingChanges(oldSchema, buildSchema(newSdl));
  return changes
    .filter((c) => !wasDeprecated(oldSchema, c.description, c.type))
    .map((c) => `${c.type}: ${c.description}`);
}

function main() {
  const args = process.argv.slice(2);
  const current = readFileSync(args.includes("--schema") ? args[args.indexOf("--schema") + 1] : SCHEMA_FILE, "utf8");
  let old: { sdl: string; commit: string } | null;
  if (args.includes("--against")) {
    const file = args[args.indexOf("--against") + 1];
    old = { sdl: readFileSync(file, "utf8"), commit: file };
  } else {
    old = previousCommittedSchema(current);
  }
  if (!old) {
    console.log("no earlier committed schema to compare with: nothing can break");
    return;
  }
  const problems = breakingChanges(old.sdl, current);
  if (problems.length) {
    console.error(`schema.graphql breaks clients compared with ${old.commit.slice(0, 12)}:`);
    for (const p of problems) console.error(`  - ${p}`);
    console.error("Deprecate first (@deprecated / { deprecationReason }) and remove in a later release.");
    process.exit(1);
  }
  console.log(`no breaking changes compared with ${old.commit.slice(0, 12)}`);
}

if (require.main === module) main();
