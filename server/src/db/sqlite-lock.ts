import path from "node:path";
import Database from "better-sqlite3";

/**
 * SQLite is the single-process embedded default: two server processes on one file are neither safe nor fast
 * (writes fail "database is locked", two starting at once on a new file kill one). The first server process takes
 * an exclusive SQLite lock on `<file>.lock` and holds it while it runs; the operating system drops it when the
 * process ends, however it ends, so a crash never leaves a stale lock. Servers created inside one process (tests)
 * share the claim.
 */
export class SqliteFileInUseError extends Error {
  constructor(readonly file: string) {
    super(
      `Another server process is already using the SQLite database ${file} (lock: ${file}.lock). ` +
        "SQLite serves one process only: stop the other process, or use MySQL/MariaDB (DATABASE_URL) to run several.",
    );
  }
}

const claims = new Map<string, { lock: Database.Database; holders: number }>();

/** Claims `file` for this process; the returned function gives the claim back. */
export function claimSqliteFile(file: string): () => void {
  const key = path.resolve(file);
  let claim = claims.get(key);
  if (!claim) {
    const lock = new Database(`${key}.lock`, { timeout: 0 });
    try {
      lock.pragma("locking_mode = EXCLUSIVE");
      lock.exec("BEGIN EXCLUSIVE");
    } catch (err) {
      lock.close();
      if ((err as { code?: string }).code === "SQLITE_BUSY") throw new SqliteFileInUseError(key);
      throw err;
    }
    claim = { lock, holders: 0 };
    claims.set(key, claim);
  }
  claim.holders++;
  let released = false;
  return () => {
    if (released) return;
    released = true;
    if (--claim.holders > 0) return;
    claims.delete(key);
    claim.lock.close();
  };
}
