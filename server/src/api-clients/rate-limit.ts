import type { NextFunction, Request, Response } from "express";
import type { DataSource } from "typeorm";
import { databaseUnavailability } from "../common/errors";
import { isSqlite } from "../db/data-source";
import { inTransaction } from "../db/transaction";
import type { AppDeps, Identity } from "../context";
import { logger } from "../logger";
import { ApiClient } from "./api-client.entity";

export const WINDOW_MS = 60_000;

/** The bucket key of an API client's requests (the console reads it back: rate-limit-state.ts). */
export const clientKey = (clientId: number) => `client:${clientId}`;

/** Counts one request for `key` in the current window and returns the new count (atomic across processes). */
export async function hit(
  ds: DataSource,
  key: string,
  now = Date.now(),
): Promise<{ count: number; windowStart: number }> {
  const windowStart = Math.floor(now / WINDOW_MS) * WINDOW_MS;
  if (isSqlite(ds)) {
    const rows: { count: number }[] = await inTransaction(ds, (em) =>
      em.query(
        "INSERT INTO rate_limit_bucket (key, window_start, count) VALUES (?, ?, 1) ON CONFLICT(key, window_start) DO UPDATE SET count = count + 1 RETURNING count",
        [key, windowStart],
      ),
    );
    return { count: Number(rows[0].count), windowStart };
  }
  const count = await inTransaction(ds, async (em) => {
    await em.query(
      "INSERT INTO rate_limit_bucket (`key`, window_start, count) VALUES (?, ?, 1) ON DUPLICATE KEY UPDATE count = count + 1",
      [key, windowStart],
    );
    const rows: { count: number }[] = await em.query(
      "SELECT count FROM rate_limit_bucket WHERE `key` = ? AND window_start = ?",
      [key, windowStart],
    );
    return Number(rows[0].count);
  });
  return { count, windowStart };
}

const limitCaches = new WeakMap<DataSource, Map<number, { limit: number; at: number }>>();

/** A client's own limit (cached for 30 s: changing it is rare), or the server default. */
async function clientLimit(deps: AppDeps, clientId: number): Promise<number> {
  let limitCache = limitCaches.get(deps.ds);
  if (!limitCache) limitCaches.set(deps.ds, (limitCache = new Map()));
  const cached = limitCache.get(clientId);
  if (cached && Date.now() - cached.at < 30_000) return cached.limit;
  const client = await deps.ds
    .getRepository(ApiClient)
    .findOne({ where: { id: clientId }, select: { id: true, rateLimitPerMinute: true } });
  const limit = client?.rateLimitPerMinute ?? deps.config.rateLimitPerMinute;
  limitCache.set(clientId, { limit, at: Date.now() });
  return limit;
}

/**
 * Rate limits on /graphql: per API client (its own limit or RATE_LIMIT_PER_MINUTE) and, for callers
 * who are not signed in (sign-in attempts, public verification), per client address.
 * Over the limit: HTTP 429, Retry-After, and a GraphQL error RATE_LIMITED with retryAfterSeconds.
 * Runs after `identify`, so a forged cookie or token counts as anonymous.
 */
export function rateLimit(deps: AppDeps) {
  return async (req: Request, res: Response, next: NextFunction) => {
    try {
      const principal = (res.locals.identity as Identity | undefined)?.principal ?? null;
      let key: string;
      let limit: number;
      if (principal?.type === "API_CLIENT") {
        key = clientKey(principal.id);
        limit = await clientLimit(deps, principal.id);
      } else if (!principal) {
        key = `ip:${req.ip ?? ""}`;
        limit = deps.config.anonymousRateLimitPerMinute;
      } else {
        next();
        return;
      }
      const now = Date.now();
      const { count, windowStart } = await hit(deps.ds, key, now);
      if (Math.random() < 0.01)
        void deps.ds
          .query("DELETE FROM rate_limit_bucket WHERE window_start < ?", [windowStart - 10 * WINDOW_MS])
          .catch(() => undefined);
      if (count > limit) {
        const retryAfterSeconds = Math.max(1, Math.ceil((windowStart + WINDOW_MS - now) / 1000));
        res.setHeader("Retry-After", String(retryAfterSeconds));
        res.status(429).json({
          errors: [
            {
              message: `请求过于频繁（每分钟最多 ${limit} 次），请 ${retryAfterSeconds} 秒后重试`,
              extensions: { code: "RATE_LIMITED", retryAfterSeconds, limitPerMinute: limit },
            },
          ],
        });
        return;
      }
      next();
    } catch (err) {
      // A database that does not answer fails the request now (503) rather than again in the resolver.
      if (databaseUnavailability(err)) return next(err);
      logger.error({ err }, "rate limiter failed; letting the request through");
      next();
    }
  };
}
