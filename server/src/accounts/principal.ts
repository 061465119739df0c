import { createHash, randomBytes } from "node:crypto";
import type { DataSource } from "typeorm";
import { ApiClient } from "../api-clients/api-client.entity";
import { permissionRole, Role, type Principal } from "../common/auth";
import { toDate } from "../db/raw";
import { Institution } from "../institutions/institution.entity";
import { HealthAdministration } from "../regions/health-administration.entity";
import { RegionLevel } from "../regions/region.entity";
import { Account, AccountKind } from "./account.entity";
import { Session } from "./session.entity";
import { cachedSession, lookupStarted, rememberSession } from "./principal-cache";

export const SESSION_COOKIE = "pa_sid";
/** lastSeenAt is written at most this often (and well within the idle limit), so reads rarely turn into writes. */
const TOUCH_INTERVAL_MS = 60_000;
const touchInterval = (idleMs: number) => Math.min(TOUCH_INTERVAL_MS, idleMs / 4);

export const newToken = (bytes = 32) => randomBytes(bytes).toString("base64url");
export const hashToken = (token: string) => createHash("sha256").update(token).digest("hex");

export function rolesFor(
  kind: AccountKind,
  isAssessmentInstitution: boolean,
  adminLevel: RegionLevel | null,
): Set<string> {
  switch (kind) {
    case AccountKind.INSTITUTION:
      return new Set(isAssessmentInstitution ? [Role.INSTITUTION, Role.ASSESSMENT_INSTITUTION] : [Role.INSTITUTION]);
    case AccountKind.ASSESSMENT_INSTITUTION:
      return new Set([Role.ASSESSMENT_INSTITUTION]);
    case AccountKind.PHYSICIAN:
      return new Set([Role.PHYSICIAN]);
    case AccountKind.HEALTH_ADMIN:
      return new Set(
        adminLevel === RegionLevel.PROVINCE ? [Role.HEALTH_ADMIN, Role.PROVINCIAL_ADMIN] : [Role.HEALTH_ADMIN],
      );
  }
}

interface AccountRow {
  id: number;
  kind: AccountKind;
  displayName: string;
  institutionId: number | null;
  physicianId: number | null;
  adminId: number | null;
  mustChangePassword: boolean | number;
  isAssessmentInstitution: boolean | number | null;
  institutionProvince: string | null;
  adminRegion: string | null;
  adminLevel: RegionLevel | null;
}

function principalOf(row: AccountRow, sessionTokenHash: string | null): Principal {
  return {
    type: "ACCOUNT",
    id: row.id,
    name: row.displayName,
    roles: rolesFor(row.kind, !!row.isAssessmentInstitution, row.adminLevel),
    institutionId: row.institutionId,
    physicianId: row.physicianId,
    adminId: row.adminId,
    regionCode: row.adminRegion,
    regionLevel: row.adminLevel,
    provinceCode: row.institutionProvince ?? (row.adminRegion ? `${row.adminRegion.slice(0, 2)}0000` : null),
    mustChangePassword: !!row.mustChangePassword,
    sessionTokenHash,
  };
}

/** One statement: account with the facts its roles and scope depend on. */
function accountQuery(ds: DataSource) {
  return ds
    .createQueryBuilder()
    .from(Account, "a")
    .leftJoin(Institution, "i", "i.id = a.institutionId")
    .leftJoin(HealthAdministration, "h", "h.id = a.adminId")
    .select("a.id", "id")
    .addSelect("a.kind", "kind")
    .addSelect("a.displayName", "displayName")
    .addSelect("a.institutionId", "institutionId")
    .addSelect("a.physicianId", "physicianId")
    .addSelect("a.adminId", "adminId")
    .addSelect("a.mustChangePassword", "mustChangePassword")
    .addSelect("a.enabled", "enabled")
    .addSelect("i.isAssessmentInstitution", "isAssessmentInstitution")
    .addSelect("i.provinceCode", "institutionProvince")
    .addSelect("h.regionCode", "adminRegion")
    .addSelect("h.level", "adminLevel");
}

/**
 * The session look-up runs on every console request: its SQL is built once per DataSource and then
 * run directly, sparing the query builder's work each time.
 */
const sessionSql = new WeakMap<DataSource, string>();
function sessionQuery(ds: DataSource): string {
  let sql = sessionSql.get(ds);
  if (!sql) {
    const [text] = accountQuery(ds)
      .innerJoin(Session, "s", "s.accountId = a.id")
      .addSelect("s.lastSeenAt", "lastSeenAt")
      .addSelect("s.createdAt", "signedInAt")
      .where("s.tokenHash = :tokenHash", { tokenHash: "?" })
      .getQueryAndParameters();
    sql = text;
    sessionSql.set(ds, sql);
  }
  return sql;
}

export async function principalForAccountId(ds: DataSource, accountId: number, sessionTokenHash: string | null = null) {
  const row = await accountQuery(ds).where("a.id = :id", { id: accountId }).getRawOne<AccountRow>();
  return row ? principalOf(row, sessionTokenHash) : null;
}

export type SessionLookup = { principal: Principal | null; expired: boolean };

/**
 * Resolves a console session cookie. A session idle for `idleMinutes`, or older than `maxHours` since its
 * sign-in however active it was, is deleted and reported as expired. A session read in the last second is answered
 * from principal-cache.ts (invalidated by every write to the tables it is made of; see there for other processes).
 */
export async function principalFromSession(
  ds: DataSource,
  token: string,
  idleMinutes: number,
  maxHours = 12,
): Promise<SessionLookup> {
  const tokenHash = hashToken(token);
  const now = Date.now();
  const idleMs = idleMinutes * 60_000;
  const cached = cachedSession(tokenHash, now);
  // A cached session still within its limits and not yet due for a touch needs no statement; otherwise the
  // database decides (and deletes, or touches, as below).
  if (cached && now - cached.lastSeenMs <= touchInterval(idleMs) && now - cached.signedInMs <= maxHours * 3600_000) {
    return { principal: cached.principal, expired: false };
  }
  const startedAt = lookupStarted(ds);
  const rows: (AccountRow & { lastSeenAt: unknown; signedInAt: unknown; enabled: boolean | number })[] = await ds.query(
    sessionQuery(ds),
    [tokenHash],
  );
  const row = rows[0];
  if (!row) return { principal: null, expired: false };
  const lastSeen = toDate(row.lastSeenAt)?.getTime() ?? 0;
  const signedInAt = toDate(row.signedInAt)?.getTime() ?? 0;
  if (now - lastSeen > idleMs || now - signedInAt > maxHours * 3600_000 || !row.enabled) {
    await ds.getRepository(Session).delete({ tokenHash });
    return { principal: null, expired: true };
  }
  let lastSeenMs = lastSeen;
  if (now - lastSeen > touchInterval(idleMs)) {
    await ds.getRepository(Session).update({ tokenHash }, { lastSeenAt: new Date(now) });
    lastSeenMs = now;
  }
  const principal = principalOf(row, tokenHash);
  rememberSession(tokenHash, { principal, lastSeenMs, signedInMs: signedInAt }, startedAt);
  return { principal, expired: false };
}

/** Resolves `Authorization: Bearer …` of an API client; revoked or expired tokens give no principal. */
export async function principalFromBearer(ds: DataSource, token: string): Promise<Principal | null> {
  const client = await ds.getRepository(ApiClient).findOneBy({ tokenHash: hashToken(token) });
  if (!client || client.revokedAt || (client.expiresAt && client.expiresAt.getTime() <= Date.now())) return null;
  if (!client.lastUsedAt || Date.now() - client.lastUsedAt.getTime() > TOUCH_INTERVAL_MS) {
    await ds.getRepository(ApiClient).update({ id: client.id }, { lastUsedAt: new Date() });
  }
  return {
    type: "API_CLIENT",
    id: client.id,
    name: client.name,
    roles: new Set([Role.API_CLIENT, ...client.permissions.map(permissionRole)]),
    institutionId: null,
    physicianId: null,
    adminId: null,
    regionCode: client.regionCode,
    regionLevel: client.regionLevel,
    provinceCode: `${client.regionCode.slice(0, 2)}0000`,
    mustChangePassword: false,
    sessionTokenHash: null,
  };
}
