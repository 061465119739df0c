import type { DataSource } from "typeorm";
import { badInput } from "../common/errors";
import { sqlTime } from "../db/raw";

/**
 * Keyset cursors for change feeds. A traversal is bounded by a watermark fixed on its first page
 * (`until` = now − lag): rows changed while paging get an updatedAt past the watermark, so they are
 * not returned twice now and are picked up by the next sync (since = watermark). The lag covers
 * transactions that stamped updatedAt before committing.
 */
export interface SyncCursor {
  since: string;
  until: string;
  lastAt: string | null;
  lastId: number;
}

export const encodeCursor = (c: SyncCursor) => Buffer.from(JSON.stringify(c)).toString("base64url");

export function decodeCursor(text: string): SyncCursor {
  try {
    const c = JSON.parse(Buffer.from(text, "base64url").toString("utf8")) as SyncCursor;
    if (typeof c.since !== "string" || typeof c.until !== "string" || typeof c.lastId !== "number")
      throw new Error("shape");
    return c;
  } catch {
    throw badInput("游标无效，请从第一页重新同步", "after");
  }
}

/** Dates as the database compares them (SQLite stores UTC text with milliseconds). */
export const dbTime = (ds: DataSource, iso: string) => sqlTime(ds, new Date(iso));

export function startCursor(since: Date | null, lagMs: number, now = Date.now()): SyncCursor {
  return {
    since: (since ?? new Date(0)).toISOString(),
    until: new Date(now - lagMs).toISOString(),
    lastAt: null,
    lastId: 0,
  };
}
