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

export type Attempt = { kind: "locked"; lockedUntil: Date } | { kind: "claimed" };

/** A failure's number since the last success, and the lock it set (it was the last one allowed). */
export interface Failure {
  count: number;
  locks: Date | null;
}

async function ensureRow(q: DataSource | EntityManager, username: string, now: Date) {
  await q
    .createQueryBuilder()
    .insert()
    .into(LoginThrottle)
    .values({ username, failedCount: 0, inFlight: 0, inFlightAt: null, lockedUntil: null, updatedAt: now })
    .orIgnore()
    .execute();
}

/**
 * A password check takes well under a second: slots taken longer ago than this (and none since) were lost, by a
 * process killed mid-check; they are no longer counted. Exported for the test that kills one.
 */
export const LOST_SLOT_MS = 15_000;
/** How long an attempt waits for a slot before it is told to try again (only a burst on one name waits). */
const SLOT_WAIT_MS = 5_000;

const activeLockOf = (row: LoginThrottle, now: number) =>
  row.lockedUntil && row.lockedUntil.getTime() > now ? row.lockedUntil : null;
/** Slots still being checked; none if the newest was taken so long ago that they were lost. */
const inFlightOf = (row: LoginThrottle, now: number) =>
  row.inFlight > 0 && row.inFlightAt && now - row.inFlightAt.getTime() < LOST_SLOT_MS ? row.inFlight : 0;
/** Failures still counting; a lock that ran out starts a fresh count. */
const failuresOf = (row: LoginThrottle) => (row.lockedUntil ? 0 : row.failedCount);

/**
 * Takes a slot before the password is checked. Confirmed failures and attempts being checked together never exceed
 * `lockoutAttempts`, so no more passwords are checked than the lock allows, however many arrive at once and in however
 * many server processes (the counts are one database row, changed under its row lock). An attempt that finds every
 * remaining slot taken waits for one to end: the slots' failures lock the name (it is then told so), a success frees
 * them all. So concurrent sign-ins with the right password never see a lock, and a locked name gets no slot.
 */
export async function claimAttempt(ds: DataSource, config: AppConfig, username: string): Promise<Attempt> {
  const started = Date.now();
  for (;;) {
    const attempt = await claimOnce(ds, config, username);
    if (attempt) return attempt;
    // Wait with plain reads (no row lock) until a slot is free or the name is locked, then claim again.
    for (;;) {
      if (Date.now() - started > SLOT_WAIT_MS)
        throw new AppError(ErrorCode.RATE_LIMITED, "该账号同时进行的登录尝试过多，请稍后重试", {
          retryAfterSeconds: 1,
        });
      await new Promise((resolve) => setTimeout(resolve, 20 + Math.random() * 30));
      const row = await ds.getRepository(LoginThrottle).findOneBy({ username });
      const now = Date.now();
      if (!row || activeLockOf(row, now) || failuresOf(row) + inFlightOf(row, now) < config.lockoutAttempts) break;
    }
  }
}

/** One locked read-modify-write: the lock, a slot, or null when every remaining slot is being checked. */
async function claimOnce(ds: DataSource, config: AppConfig, username: string): Promise<Attempt | null> {
  const now = new Date();
  const sqlite = isSqlite(ds);
  // MySQL: create the row in its own statement, so the transaction below locks one existing record (no gap locks).
  if (!sqlite) await ensureRow(ds, username, now);
  return inTransaction(ds, async (em) => {
    if (sqlite) await ensureRow(em, username, now); // SQLite: write transactions are queued, one at a time
    const row = await lockedRow(em, username);
    if (!row) return null; // dropped by the sweep just now: claim again
    const lockedUntil = activeLockOf(row, now.getTime());
    if (lockedUntil) return { kind: "locked", lockedUntil };
    const failed = failuresOf(row);
    const inFlight = inFlightOf(row, now.getTime());
    if (failed + inFlight >= config.lockoutAttempts) return null;
    await em.update(
      LoginThrottle,
      { username },
      { failedCount: failed, lockedUntil: null, inFlight: inFlight + 1, inFlightAt: now, updatedAt: now },
    );
    return { kind: "claimed" };
  });
}

async function lockedRow(em: EntityManager, username: string): Promise<LoginThrottle | null> {
  const qb = em.getRepository(LoginThrottle).createQueryBuilder("t").where("t.username = :username", { username });
  if (!isSqlite(em.connection)) qb.setLock("pessimistic_write");
  return qb.getOne();
}

/**
 * The checked attempt failed, inside the caller's transaction: its slot ends and the failure counts, in one locked
 * update; the failure that reaches `lockoutAttempts` sets the lock in that same update.
 */
export async function settleFailure(em: EntityManager, config: AppConfig, username: string): Promise<Failure> {
  const now = new Date();
  const locked = await lockedRow(em, username);
  if (!locked) return { count: 1, locks: null }; // dropped meanwhile (a password reset): nothing left to count
  const count = failuresOf(locked) + 1;
  const locks = count >= config.lockoutAttempts ? new Date(now.getTime() + config.lockoutMinutes * 60_000) : null;
  await em.update(
    LoginThrottle,
    { username },
    {
      failedCount: locks ? 0 : count,
      lockedUntil: locks ?? activeLockOf(locked, now.getTime()),
      inFlight: Math.max(0, locked.inFlight - 1),
      updatedAt: now,
    },
  );
  return { count, locks };
}

/** The right password, inside the caller's transaction: its slot ends and the failures start again. */
export async function settleSuccess(em: EntityManager, username: string): Promise<void> {
  const locked = await lockedRow(em, username);
  if (!locked) return;
  await em.update(
    LoginThrottle,
    { username },
    { failedCount: 0, lockedUntil: null, inFlight: Math.max(0, locked.inFlight - 1), updatedAt: new Date() },
  );
}

/** An attempt that ended without a verdict (an error on the way): its slot is freed and nothing counts. */
export async function releaseSlot(ds: DataSource, username: string): Promise<void> {
  await inTransaction(ds, async (em) => {
    const locked = await lockedRow(em, username);
    if (!locked) return;
    await em.update(LoginThrottle, { username }, { inFlight: Math.max(0, locked.inFlight - 1), updatedAt: new Date() });
  });
}

/** 解除锁定: the count starts again and the lock is lifted (attempts being checked end on their own). */
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
