import type { EntityManager } from "typeorm";
import { sqlTime } from "./raw";

/**
 * Multi-row INSERT without entity hydration, for bulk paths (imports, enrolment, seeding): TypeORM's
 * per-row parameter handling was half the CPU of a 10 000-row import and most of its garbage.
 * Values are passed as the database expects them: dates through `sqlTime`, JSON already stringified.
 */
export async function bulkInsert(
  em: EntityManager,
  table: string,
  columns: string[],
  rows: unknown[][],
  options: { ignoreDuplicates?: boolean; chunk?: number } = {},
): Promise<void> {
  const chunk = options.chunk ?? 500;
  const sqlite = em.connection.options.type === "better-sqlite3";
  const verb = options.ignoreDuplicates ? (sqlite ? "INSERT OR IGNORE" : "INSERT IGNORE") : "INSERT";
  const tuple = `(${columns.map(() => "?").join(", ")})`;
  for (let i = 0; i < rows.length; i += chunk) {
    const part = rows.slice(i, i + chunk);
    const params = part
      .flat()
      .map((v) => (v instanceof Date ? sqlTime(em.connection, v) : typeof v === "boolean" ? (v ? 1 : 0) : v));
    // Backticks quote in MySQL/MariaDB and SQLite alike (row_number, for one, is a reserved word).
    await em.query(
      `${verb} INTO \`${table}\` (${columns.map((c) => `\`${c}\``).join(", ")}) VALUES ${part.map(() => tuple).join(", ")}`,
      params,
    );
  }
}

/** "?, ?, …" for an IN list, built once per length (a batch repeats the same few lengths). */
const placeholderTexts = new Map<number, string>();
export function placeholders(n: number): string {
  let text = placeholderTexts.get(n);
  if (!text) placeholderTexts.set(n, (text = Array.from({ length: n }, () => "?").join(", ")));
  return text;
}
