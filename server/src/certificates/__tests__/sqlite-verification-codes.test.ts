import { mkdtempSync, rmSync } from "node:fs";
import os from "node:os";
import path from "node:path";
import Database from "better-sqlite3";
import { openDatabase } from "../../app";
import { loadConfig } from "../../config";
import { createDataSource } from "../../db/data-source";
import { entities } from "../../entities";
import { testDbKind } from "../../testing/test-db";

/**
 * An SQLite file from before verification codes (its certificate table without the column) still opens: its
 * certificates get codes and lose their stored images before the schema is synchronised (MySQL: the migration).
 */
const onSqlite = testDbKind() === "sqlite";
(onSqlite ? describe : describe.skip)("SQLite file from before verification codes", () => {
  let dir: string;
  beforeAll(() => (dir = mkdtempSync(path.join(os.tmpdir(), "pa-vcode-"))));
  afterAll(() => rmSync(dir, { recursive: true, force: true }));

  it("opens, each certificate with its own code and its image to be rendered again", async () => {
    const file = path.join(dir, "old.sqlite");
    const ds = await createDataSource({ databaseUrl: null, sqlitePath: file, entities });
    await ds.initialize();
    for (const i of [1, 2])
      await ds.query(
        `INSERT INTO certificate (application_id, number, verification_code, physician_id, institution_id, cycle_id,
           issued_at, data, image_key, image_sha256, image_size, updated_at)
         VALUES (?, ?, ?, 1, 1, 1, '2026-01-01 00:00:00', '{}', 'key', 'sha', 5, '2026-01-01 00:00:00')`,
        [i, `GX2024-000000${i}`, `OLD${i}`],
      );
    await ds.destroy();
    // As the release before this column left it.
    const old = new Database(file);
    const index = old
      .prepare("SELECT name FROM sqlite_master WHERE type = 'index' AND tbl_name = 'certificate' AND sql LIKE ?")
      .get("%verification_code%") as { name: string };
    old.exec(`DROP INDEX "${index.name}"`);
    old.exec("ALTER TABLE certificate DROP COLUMN verification_code");
    old.close();

    const opened = await openDatabase({ ...loadConfig({}, []), databaseUrl: null, sqlitePath: file });
    try {
      const rows: { verification_code: string; image_key: string | null; image_size: number | null }[] =
        await opened.query("SELECT verification_code, image_key, image_size FROM certificate ORDER BY id");
      expect(rows).toHaveLength(2);
      for (const row of rows) {
        expect(row.verification_code).toMatch(/^[0-9A-HJKMNP-TV-Z]{12}$/);
        expect(row).toMatchObject({ image_key: null, image_size: null });
      }
      expect(rows[0].verification_code).not.toBe(rows[1].verification_code);
    } finally {
      await opened.destroy();
    }
  });
});
