import "reflect-metadata";
import { spawnSync } from "node:child_process";
import { readFileSync, writeFileSync } from "node:fs";
import path from "node:path";
import { DataSource } from "typeorm";
import { createDataSource } from "./db/data-source";
import { entities } from "./entities";

/**
 * `generate <Name>`: applies the committed migrations to a scratch MySQL database, asks TypeORM for
 * the SQL that brings it to the entities, and writes it as a new migration (registered in
 * migrations.ts). `check`: fails when the entities need SQL the migrations do not have.
 */
const base = process.env.DATABASE_URL || "mysql://root@127.0.0.1:3306/test";
const scratchName = process.env.MIGRATION_SCRATCH_DB || `${process.env.TEST_DB_PREFIX ?? "pa"}_migration_scratch`;

async function scratchDataSource(): Promise<DataSource> {
  const admin = new DataSource({ type: "mysql", url: base });
  await admin.initialize();
  await admin.query(`DROP DATABASE IF EXISTS \`${scratchName}\``);
  await admin.query(`CREATE DATABASE \`${scratchName}\` CHARACTER SET utf8mb4 COLLATE utf8mb4_unicode_ci`);
  await admin.destroy();
  const url = new URL(base);
  url.pathname = `/${scratchName}`;
  const ds = await createDataSource({ databaseUrl: url.toString(), sqlitePath: "", entities });
  await ds.initialize();
  await ds.runMigrations({ transaction: "each" });
  return ds;
}

const escape = (sql: string) => sql.replace(/\\/g, "\\\\").replace(/`/g, "\\`").replace(/\$\{/g, "\\${");

async function pendingSql(ds: DataSource) {
  const log = await ds.driver.createSchemaBuilder().log();
  return { up: log.upQueries.map((q) => q.query), down: log.downQueries.map((q) => q.query).reverse() };
}

async function generate(name: string) {
  if (!/^[A-Z][A-Za-z0-9]+$/.test(name)) throw new Error("usage: migration:generate <PascalCaseName>");
  const ds = await scratchDataSource();
  try {
    const { up, down } = await pendingSql(ds);
    if (!up.length) {
      console.log("entities and migrations agree: nothing to generate");
      return;
    }
    const timestamp = Date.now();
    const className = `${name}${timestamp}`;
    const file = path.join(__dirname, "db", "migrations", `${timestamp}-${name}.ts`);
    const body = `import type { MigrationInterface, QueryRunner } from "typeorm";

export class ${className} implements MigrationInterface {
  name = "${className}";

  async up(q: QueryRunner): Promise<void> {
${up.map((s) => `    await q.query(\`${escape(s)}\`);`).join("\n")}
  }

  async down(q: QueryRunner): Promise<void> {
${down.map((s) => `    await q.query(\`${escape(s)}\`);`).join("\n")}
  }
}
`;
    writeFileSync(file, body);
    const indexFile = path.join(__dirname, "db", "migrations.ts");
    let index = readFileSync(indexFile, "utf8");
    index = `import { ${className} } from "./migrations/${timestamp}-${name}";\n${index}`;
    index = index.replace(/export const migrations: (.+?) = \[([^\]]*)\];/s, (_m, type: string, list: string) => {
      const items = list
        .split(",")
        .map((s) => s.trim())
        .filter(Boolean);
      return `export const migrations: ${type} = [${[...items, className].join(", ")}];`;
    });
    writeFileSync(indexFile, index);
    // Generated code goes through the same formatter as written code (npm test checks it).
    spawnSync("npx", ["prettier", "--write", file, indexFile], { stdio: "inherit" });
    console.log(`wrote ${path.relative(process.cwd(), file)} (${up.length} statements)`);
  } finally {
    await ds.destroy();
  }
}

async function check() {
  const ds = await scratchDataSource();
  try {
    const { up } = await pendingSql(ds);
    if (up.length) {
      console.error(`migrations are behind the entities; missing:\n${up.join(";\n")}`);
      process.exit(1);
    }
    console.log("migrations match the entities");
  } finally {
    await ds.destroy();
  }
}

const [mode, name] = process.argv.slice(2);
(mode === "generate" ? generate(name ?? "") : check()).catch((err) => {
  console.error(err);
  process.exit(1);
});
