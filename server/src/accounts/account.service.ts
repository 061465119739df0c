import { faultPoint } from "../common/fault-points";
import type { EntityManager } from "typeorm";
import { audit, auditNow, institutionCounty } from "../audit/audit";
import { Role, type Principal } from "../common/auth";
import { AppError, badInput, ErrorCode, forbidden, notFound, unauthenticated } from "../common/errors";
import { isIdNumberLike, normalizeIdNumber } from "../common/id-number";
import type { Context } from "../context";
import { inTransaction } from "../db/transaction";
import { Institution } from "../institutions/institution.entity";
import { physicianInstitutionId } from "../physicians/physician-institution";
import { HealthAdministration } from "../regions/health-administration.entity";
import { regionPrefix } from "../regions/region.entity";
import { Account, AccountKind } from "./account.entity";
import { LoginThrottle } from "./login-throttle.entity";
import {
  claimAttempt,
  limitSignInRate,
  releaseSlot,
  settleFailure,
  settleSuccess,
  sweepThrottles,
} from "./login-throttle";
import { dummyPasswordHash, hashPassword, initialPasswordHash, verifyPassword } from "./password-hash";
import { INITIAL_PASSWORD, passwordPolicyViolation } from "./password-policy";
import { hashToken, newToken, principalForAccountId, SESSION_COOKIE } from "./principal";
import { Session } from "./session.entity";

/** The region an account's audit records belong to: its institution's county, its administration's region. */
async function accountRegion(em: EntityManager, a: Account): Promise<string | null> {
  if (a.adminId) return (await em.findOneBy(HealthAdministration, { id: a.adminId }))?.regionCode ?? null;
  return institutionCounty(em, a.institutionId, a.physicianId);
}

/** Physicians may type either ID form; accounts store the canonical 18-digit number. */
export function canonicalUsername(username: string): string {
  const trimmed = username.trim();
  if (isIdNumberLike(trimmed)) {
    const id = normalizeIdNumber(trimmed);
    if (id.ok) return id.value;
  }
  return trimmed;
}

const minutesLeft = (until: Date) => Math.max(1, Math.ceil((until.getTime() - Date.now()) / 60_000));

const lockedError = (lockedUntil: Date, message: string) =>
  new AppError(ErrorCode.ACCOUNT_LOCKED, message, { lockedUntil: lockedUntil.toISOString() });

/**
 * Sign-in. Known and unknown user names take the same path — rate limits, an attempt slot, one password check
 * (against a dummy hash when there is no enabled account), the same countdown and lock — so neither the answer
 * nor its timing tells whether an account (a physician's ID number) exists.
 */
export async function login(ctx: Context, usernameInput: string, password: string): Promise<Principal> {
  const username = canonicalUsername(usernameInput).slice(0, 64);
  const actor = { principal: null, ip: ctx.ip };
  await limitSignInRate(ctx.ds, ctx.config, ctx.ip, username);
  sweepThrottles(ctx.ds);
  const attempt = await claimAttempt(ctx.ds, ctx.config, username);
  // A claimed attempt holds a slot (login-throttle.ts) until it is settled as a failure or a success; an error on
  // the way frees it.
  let settled = attempt.kind === "locked";
  try {
    const found = await ctx.ds.getRepository(Account).findOneBy({ username });
    const target = found
      ? { targetType: "Account", targetId: found.id, regionCode: await accountRegion(ctx.ds.manager, found) }
      : {};
    const refusal = (reason: string) => ({
      action: "auth.login",
      success: false,
      actorName: username,
      ...target,
      detail: { reason },
    });
    if (attempt.kind === "locked") {
      await auditNow(ctx.ds, actor, refusal("locked"));
      throw lockedError(
        attempt.lockedUntil,
        `登录失败次数过多，账户已锁定，请 ${minutesLeft(attempt.lockedUntil)} 分钟后再试`,
      );
    }
    /** Counts the failure and records it (and the lock it sets), in one transaction. */
    const fail = (reason: string) =>
      inTransaction(ctx.ds, async (em) => {
        const failure = await settleFailure(em, ctx.config, username);
        if (failure.locks) await audit(em, actor, { action: "auth.lockout", actorName: username, ...target });
        await audit(em, actor, refusal(reason));
        return failure;
      }).then((failure) => ((settled = true), failure));
    await faultPoint("login.password-check");
    const usable = found?.enabled ? found : null;
    const ok = await verifyPassword(usable?.passwordHash ?? (await dummyPasswordHash()), password);
    if (!ok || !usable) {
      const failure = await fail(!found ? "unknown-user" : usable ? "bad-password" : "disabled");
      if (failure.locks)
        throw lockedError(
          failure.locks,
          `连续 ${ctx.config.lockoutAttempts} 次密码错误，账户已锁定 ${ctx.config.lockoutMinutes} 分钟`,
        );
      const left = ctx.config.lockoutAttempts - failure.count;
      throw unauthenticated(`账号或密码错误，再错 ${left} 次账户将被锁定`, "INVALID_CREDENTIALS");
    }
    const account = usable;
    if (account.resetExpiresAt && account.resetExpiresAt.getTime() <= Date.now()) {
      await fail("reset-expired");
      throw unauthenticated(
        `重置后的初始密码已过期（${ctx.config.resetValidHours} 小时内未修改），请联系上级卫生行政部门重新重置`,
        "RESET_EXPIRED",
      );
    }
    const token = newToken();
    const tokenHash = hashToken(token);
    await inTransaction(ctx.ds, async (em) => {
      const now = new Date();
      await settleSuccess(em, username);
      await em.update(Account, { id: account.id }, { lastLoginAt: now });
      await em.insert(Session, {
        tokenHash,
        accountId: account.id,
        createdAt: now,
        lastSeenAt: now,
        ip: ctx.ip.slice(0, 64),
        userAgent: ctx.userAgent,
      });
      await audit(em, { principal: null, ip: ctx.ip }, { action: "auth.login", actorName: username, ...target });
    });
    settled = true;
    ctx.res.cookie(SESSION_COOKIE, token, {
      httpOnly: true,
      sameSite: "lax",
      secure: ctx.config.cookieSecure,
      path: "/",
    });
    const principal = await principalForAccountId(ctx.ds, account.id, tokenHash);
    if (!principal) throw unauthenticated();
    ctx.principal = principal;
    return principal;
  } finally {
    if (!settled) await releaseSlot(ctx.ds, username).catch(() => undefined);
  }
}

export async function logout(ctx: Context): Promise<void> {
  const p = ctx.principal;
  if (p?.sessionTokenHash) {
    await inTransaction(ctx.ds, async (em) => {
      await em.delete(Session, { tokenHash: p.sessionTokenHash });
      await audit(em, ctx, { action: "auth.logout", targetType: "Account", targetId: p.id });
    });
  }
  ctx.res.clearCookie(SESSION_COOKIE, { path: "/" });
}

export async function changePassword(ctx: Context, oldPassword: string, newPassword: string): Promise<Principal> {
  const p = ctx.principal;
  if (!p || p.type !== "ACCOUNT") throw forbidden("接口客户端没有密码");
  const account = await ctx.ds.getRepository(Account).findOneByOrFail({ id: p.id });
  if (!(await verifyPassword(account.passwordHash, oldPassword))) {
    await auditNow(ctx.ds, ctx, {
      action: "auth.password.change",
      success: false,
      targetType: "Account",
      targetId: p.id,
      detail: { reason: "bad-old-password" },
    });
    throw badInput("原密码不正确", "oldPassword");
  }
  const violation = passwordPolicyViolation(newPassword, { oldPassword, username: account.username });
  if (violation) throw badInput(violation, "newPassword");
  if (newPassword === INITIAL_PASSWORD) throw badInput("新密码不能是初始密码", "newPassword");
  const hash = await hashPassword(newPassword);
  await inTransaction(ctx.ds, async (em) => {
    await em.update(
      Account,
      { id: p.id },
      { passwordHash: hash, mustChangePassword: false, passwordChangedAt: new Date(), resetExpiresAt: null },
    );
    // Other sessions of this account end: whoever knew the old password is signed out.
    const others = em.createQueryBuilder().delete().from(Session).where("accountId = :id", { id: p.id });
    if (p.sessionTokenHash) others.andWhere("tokenHash <> :mine", { mine: p.sessionTokenHash });
    await others.execute();
    await audit(em, ctx, { action: "auth.password.change", targetType: "Account", targetId: p.id });
  });
  const fresh = await principalForAccountId(ctx.ds, p.id, p.sessionTokenHash);
  ctx.principal = fresh;
  return fresh!;
}

/**
 * Who may reset (and unlock) whom. An institution's account, and its physicians', follow the institution's
 * supervising administration (上级卫生行政部门), not its address: that administration and those above it may
 * reset them (an institution without one: its province's administration). An administration's account: those
 * above it. An institution resets its own physicians (roster, manual 2.2.5).
 */
export async function mayReset(em: EntityManager, actor: Principal, target: Account): Promise<boolean> {
  const isAdmin = actor.roles.has(Role.HEALTH_ADMIN) && !!actor.regionCode && !!actor.regionLevel;
  const within = (regionCode: string) => regionCode.startsWith(regionPrefix(actor.regionCode!, actor.regionLevel!));
  if (target.kind === AccountKind.HEALTH_ADMIN) {
    if (!isAdmin || target.adminId === actor.adminId) return false;
    const admin = await em.findOneBy(HealthAdministration, { id: target.adminId! });
    return !!admin && admin.regionCode !== actor.regionCode && within(admin.regionCode);
  }
  const institutionId =
    target.kind === AccountKind.PHYSICIAN ? await physicianInstitutionId(em, target.physicianId) : target.institutionId;
  if (institutionId === null) return actor.roles.has(Role.PROVINCIAL_ADMIN);
  const inst = await em.findOneBy(Institution, { id: institutionId });
  if (!inst) return false;
  if (target.kind === AccountKind.PHYSICIAN && actor.roles.has(Role.INSTITUTION) && actor.institutionId === inst.id)
    return true;
  if (!isAdmin) return false;
  const supervisor = inst.superiorAdminId
    ? await em.findOneBy(HealthAdministration, { id: inst.superiorAdminId })
    : null;
  if (!supervisor) return actor.roles.has(Role.PROVINCIAL_ADMIN) && inst.provinceCode === actor.regionCode;
  return within(supervisor.regionCode);
}

/**
 * Back to 666666 with a forced change at next sign-in; the account's sessions end. The reset expires after
 * RESET_VALID_HOURS: an account still on 666666 then signs in with nothing, only another reset helps.
 */
export async function resetPassword(ctx: Context, accountId: number, em?: EntityManager): Promise<void> {
  const p = ctx.principal!;
  const work = async (tx: EntityManager) => {
    const target = await tx.findOneBy(Account, { id: accountId });
    if (!target || !(await mayReset(tx, p, target))) throw notFound("账户");
    await tx.update(
      Account,
      { id: target.id },
      {
        passwordHash: await initialPasswordHash(INITIAL_PASSWORD),
        mustChangePassword: true,
        resetExpiresAt: new Date(Date.now() + ctx.config.resetValidHours * 3600_000),
      },
    );
    await tx.delete(LoginThrottle, { username: target.username });
    await tx.delete(Session, { accountId: target.id });
    await audit(tx, ctx, {
      action: "auth.password.reset",
      targetType: "Account",
      targetId: target.id,
      regionCode: await accountRegion(tx, target),
      detail: { username: target.username },
    });
  };
  if (em) await work(em);
  else await inTransaction(ctx.ds, work);
}
