import { createHash } from "node:crypto";
import type { DataSource, EntityManager } from "typeorm";
import { hit } from "../api-clients/rate-limit";
import { AppError, ErrorCode } from "../common/errors";
import type { AppConfig } from "../config";
import { isSqlite } from "../db/data-source";
import { sqlTime } from "../db/raw";
import { inTransaction } from "../db/transaction";
import { LoginThrottle } from "./login-throttle.entity";

const WINDOW_MS = 60_000;
const SWEEP_AFTER_MS = 24 * 3600_000;

/**
 * Sign-in attempts per client address and per attempted user name, counted per `login` operation (a
 * batched request of five counts five) and for every caller, signed in or not.
 */
export async function limitSignInRate(ds: DataSource, config: AppConfig, ip: string, username: string): Promise<void> {
  const now = Date.now();
  const nameKey = createHash("sha256").update(username).digest("hex");
  const checks: [string, number, string][] = [
    [`login-ip:${ip}`.slice(0, 80), config.signInRateLimitPerAddress, "本地址登录尝试过于频繁"],
    [`login-user:${nameKey}`, config.signInRateLimitPerAccount, "该账号登录尝试过于频繁"],
  ];
  for (const [key, limit, what] of checks) {
    const { count, windowStart } = await hit(ds, key, now);
    if (count > limit) {
      const retryAfterSeconds = Math.max(1, Math.ceil((windowStart + WINDOW_MS - now) / 1000));
      throw new AppError(
        ErrorCode.RATE_LIMITED,
        `${what}（每分钟最多 ${limit} 次），请 ${retryAfterSeconds} 秒后重试`,
        {
          retryAfterSeconds,
          limitPerMinute: limit,
        },
      );
    }
  }
}

export type Attempt =
  | { kind: "locked"; lockedUntil: Date }
  /** `count`: this attempt's number since the last success; `locks`: it is the last one allowed. */
  | { kind: "claimed"; count: number; locks: Date | null };

async function ensureRow(q: DataSource | EntityManager, username: string, now: Date) {
  await q
    .createQueryBuilder()
    .insert()
    .into(LoginThrottle)
    .values({ username, failedCount: 0, lockedUntil: null, updatedAt: now })
    .orIgnore()
    .execute();
}

/**
 * Counts an attempt before its password is checked, in one locked read-modify-write, so concurrent attempts
 * take numbered slots: at most `lockoutAttempts` passwords are checked before the lock, and the attempt that
 * takes the last slot sets the lock at once (its own success lifts it again). A locked name gets no slot.
 */
export async function claimAttempt(ds: DataSource, config: AppConfig, username: string): Promise<Attempt> {
  // A lock set by the attempt that took the last slot is provisional while that attempt's password is still being
  // checked: if it was right, it lifts the lock. So concurrent sign-ins with the right password (an API client's
  // workers, a user's repeated clicks) wait for it briefly instead of being told the account is locked.
  const lockoutMs = config.lockoutMinutes * 60_000;
  const started = Date.now();
  for (;;) {
    const attempt = await claimOnce(ds, config, username);
    if (attempt.kind !== "locked") return attempt;
    const lockAge = Date.now() - (attempt.lockedUntil.getTime() - lockoutMs);
    if (lockAge > PROVISIONAL_LOCK_MS || Date.now() - started > PROVISIONAL_LOCK_MS) return attempt;
    await new Promise((resolve) => setTimeout(resolve, 100));
  }
}

/** How long a fresh lock may still be lifted by the attempt that set it (a password check takes well under this). */
const PROVISIONAL_LOCK_MS = 5_000;

async function claimOnce(ds: DataSource, config: AppConfig, username: string): Promise<Attempt> {
  const now = new Date();
  const sqlite = isSqlite(ds);
  // MySQL: create the row in its own statement, so the transaction below locks one existing record (no gap locks).
  if (!sqlite) await ensureRow(ds, username, now);
  return inTransaction(ds, async (em) => {
    if (sqlite) await ensureRow(em, username, now); // SQLite: write transactions are queued, one at a time
    const qb = em.getRepository(LoginThrottle).createQueryBuilder("t").where("t.username = :username", { username });
    if (!sqlite) qb.setLock("pessimistic_write");
    const row = await qb.getOneOrFail();
    if (row.lockedUntil && row.lockedUntil.getTime() > now.getTime())
      return { kind: "locked", lockedUntil: row.lockedUntil };
    const count = (row.lockedUntil ? 0 : row.failedCount) + 1; // a lock that ran out starts a fresh count
    const locks = count >= config.lockoutAttempts ? new Date(now.getTime() + config.lockoutMinutes * 60_000) : null;
    await em.update(
      LoginThrottle,
      { username },
      { failedCount: locks ? 0 : count, lockedUntil: locks, updatedAt: now },
    );
    return { kind: "claimed", count, locks };
  });
}

/** The right password: the count starts again and a lock this attempt set is lifted. */
export async function clearAttempts(em: EntityManager, username: string): Promise<void> {
  await em.update(LoginThrottle, { username }, { failedCount: 0, lockedUntil: null, updatedAt: new Date() });
}

/** The running lock of a user name, if any. */
export async function activeLock(em: EntityManager, username: string): Promise<Date | null> {
  const row = await em.findOneBy(LoginThrottle, { username });
  return row?.lockedUntil && row.lockedUntil.getTime() > Date.now() ? row.lockedUntil : null;
}

/** Rows of names nobody tried for a day (and not locked) are dropped now and then. */
export function sweepThrottles(ds: DataSource): void {
  if (Math.random() >= 0.01) return;
  const before = sqlTime(ds, new Date(Date.now() - SWEEP_AFTER_MS));
  void ds
    .createQueryBuilder()
    .delete()
    .from(LoginThrottle)
    .where("updatedAt < :before", { before })
    .andWhere("(lockedUntil IS NULL OR lockedUntil < :before)", { before })
    .execute()
    .catch(() => undefined);
}
