import { existsSync } from "node:fs";
import Database from "better-sqlite3";
import { newVerificationCode } from "./verification-code";

/**
 * SQLite's schema is synchronised from the entities, which cannot fill a new NOT NULL column of existing rows.
 * Before that, an existing file whose certificates have no verification code gets one per certificate (from
 * crypto, as the MySQL migration CertificateVerificationCode does) and its stored images dropped, so they are
 * rendered again with the code in the QR. Nothing happens on a new file or one already upgraded.
 */
export function backfillSqliteVerificationCodes(file: string): number {
  if (file === ":memory:" || !existsSync(file)) return 0;
  const db = new Database(file);
  try {
    const table = db.prepare("SELECT name FROM sqlite_master WHERE type = 'table' AND name = 'certificate'").get();
    if (!table) return 0;
    const columns = db.prepare("PRAGMA table_info(certificate)").all() as { name: string }[];
    if (columns.some((c) => c.name === "verification_code")) return 0;
    const ids = db.prepare("SELECT id FROM certificate").all() as { id: number }[];
    db.transaction(() => {
      db.exec("ALTER TABLE certificate ADD COLUMN verification_code varchar(12)");
      const set = db.prepare(
        "UPDATE certificate SET verification_code = ?, image_key = NULL, image_sha256 = NULL, image_size = NULL WHERE id = ?",
      );
      for (const { id } of ids) set.run(newVerificationCode(), id);
    })();
    return ids.length;
  } finally {
    db.close();
  }
}
