/**
 * Raw query results differ by driver: mysql2 returns Date objects and numbers, better-sqlite3
 * returns 'YYYY-MM-DD HH:MM:SS.SSS' text (UTC) and 0/1. These helpers normalise them.
 */
export function toDate(value: unknown): Date | null {
  if (value === null || value === undefined) return null;
  if (value instanceof Date) return value;
  const text = String(value);
  return new Date(text.includes("T") ? text : `${text.replace(" ", "T")}Z`);
}

/** A timestamp as a raw-SQL parameter: mysql2 binds Date objects; better-sqlite3 needs the UTC text TypeORM stores. */
export function sqlTime(ds: { options: { type: string } }, date: Date): Date | string {
  return ds.options.type === "better-sqlite3" ? date.toISOString().replace("T", " ").replace("Z", "") : date;
}

export const toNumber = (value: unknown): number => (value === null || value === undefined ? 0 : Number(value));

export const toBool = (value: unknown): boolean => value === true || value === 1 || value === "1";
