import type { ObjectLiteral, SelectQueryBuilder } from "typeorm";
import { scopeToVisibleInstitutions } from "../common/access";
import { requirePrincipal } from "../common/auth";
import type { Context } from "../context";
import { Institution } from "../institutions/institution.entity";
import { dbTime, decodeCursor, encodeCursor, startCursor, type SyncCursor } from "./cursor";

export interface ChangePage<T> {
  nodes: T[];
  hasNextPage: boolean;
  endCursor: string | null;
  watermark: Date;
}

/**
 * One page of a change feed for an entity with `updatedAt` and an institution column, restricted to
 * the caller's region, in (updatedAt, id) order after the cursor and up to the traversal's watermark.
 */
export async function changePage<T extends ObjectLiteral & { id: number; updatedAt: Date }>(
  ctx: Context,
  qb: SelectQueryBuilder<T>,
  alias: string,
  institutionColumn: string,
  args: { since: Date | null; after: string | null; first: number },
): Promise<ChangePage<T>> {
  const cursor: SyncCursor = args.after ? decodeCursor(args.after) : startCursor(args.since, ctx.config.syncLagMs);
  qb.innerJoin(Institution, "scope_inst", `scope_inst.id = ${alias}.${institutionColumn}`);
  scopeToVisibleInstitutions(qb, requirePrincipal(ctx), "scope_inst");
  qb.andWhere(`${alias}.updatedAt > :since AND ${alias}.updatedAt <= :until`, {
    since: dbTime(ctx.ds, cursor.since),
    until: dbTime(ctx.ds, cursor.until),
  });
  if (cursor.lastAt) {
    qb.andWhere(`(${alias}.updatedAt > :lastAt OR (${alias}.updatedAt = :lastAt AND ${alias}.id > :lastId))`, {
      lastAt: dbTime(ctx.ds, cursor.lastAt),
      lastId: cursor.lastId,
    });
  }
  const rows = await qb
    .orderBy(`${alias}.updatedAt`, "ASC")
    .addOrderBy(`${alias}.id`, "ASC")
    .limit(args.first + 1)
    .getMany();
  const nodes = rows.slice(0, args.first);
  const last = nodes[nodes.length - 1];
  const next: SyncCursor = last ? { ...cursor, lastAt: last.updatedAt.toISOString(), lastId: last.id } : cursor;
  return {
    nodes,
    hasNextPage: rows.length > args.first,
    endCursor: encodeCursor(next),
    watermark: new Date(cursor.until),
  };
}
