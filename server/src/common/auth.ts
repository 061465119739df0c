import { registerEnumType, type AuthChecker } from "type-graphql";
import type { RegionLevel } from "../regions/region.entity";
import { AppError, ErrorCode, forbidden, unauthenticated } from "./errors";

/**
 * Roles are what @Authorized(...) names. A principal's roles are derived from its account kind
 * (and, for machine clients, its granted permissions), never stored twice.
 */
export enum Role {
  INSTITUTION = "INSTITUTION",
  ASSESSMENT_INSTITUTION = "ASSESSMENT_INSTITUTION",
  PHYSICIAN = "PHYSICIAN",
  HEALTH_ADMIN = "HEALTH_ADMIN",
  /** A health administration at province level (confirms make-up tests, judges cheating, creates API clients). */
  PROVINCIAL_ADMIN = "PROVINCIAL_ADMIN",
  API_CLIENT = "API_CLIENT",
}
registerEnumType(Role, {
  name: "Role",
  description: "角色 (role used for authorization)",
  valuesConfig: {
    INSTITUTION: { description: "医疗卫生机构 (medical institution)" },
    ASSESSMENT_INSTITUTION: { description: "考核机构 (assessment institution)" },
    PHYSICIAN: { description: "医师 (physician)" },
    HEALTH_ADMIN: { description: "卫生行政部门，任一级别 (health administration, any level)" },
    PROVINCIAL_ADMIN: { description: "省级卫生行政部门 (provincial health administration)" },
    API_CLIENT: { description: "接口客户端 (machine client of a provincial system)" },
  },
});

/** Named write permissions an API client can be granted on top of read access to its region. */
export enum ApiPermission {
  RECORD_TEST_RESULTS = "RECORD_TEST_RESULTS",
  RECORD_SNAPSHOTS = "RECORD_SNAPSHOTS",
}
registerEnumType(ApiPermission, {
  name: "ApiPermission",
  description: "接口客户端的写权限 (write permissions of an API client; reading its region is always allowed)",
  valuesConfig: {
    RECORD_TEST_RESULTS: { description: "开考、交卷、录入测评成绩 (open attempts, submit them, record scores)" },
    RECORD_SNAPSHOTS: { description: "上传监考照片 (upload proctoring snapshots)" },
  },
});

/** The role string an API client receives for a permission, usable in @Authorized(...). */
export const permissionRole = (p: ApiPermission) => `API:${p}`;

/** Marks operations a principal may use while a password change is still required. */
export const DURING_PASSWORD_CHANGE = "DURING_PASSWORD_CHANGE";

export interface Principal {
  type: "ACCOUNT" | "API_CLIENT";
  /** account id or API client id */
  id: number;
  name: string;
  roles: ReadonlySet<string>;
  institutionId: number | null;
  physicianId: number | null;
  adminId: number | null;
  /** Jurisdiction of a health administration or API client. */
  regionCode: string | null;
  regionLevel: RegionLevel | null;
  /** The province the principal works in (null for a physician; found through his institution when needed). */
  provinceCode: string | null;
  mustChangePassword: boolean;
  sessionTokenHash: string | null;
}

export const hasRole = (p: Principal | null, role: string) => !!p && p.roles.has(role);

/**
 * What the authorization gate reads of a request's context (context.ts's Context has it). Its own narrow type, so
 * that authorization does not import the request context, which imports the principal lookup, which imports the
 * entities that use these roles: that was the server's one import circle (scripts/check-import-cycles.mjs).
 */
export interface AuthContext {
  principal: Principal | null;
  /** The request carried a session cookie that has expired. */
  sessionExpired: boolean;
}

export function requirePrincipal(ctx: Pick<AuthContext, "principal">): Principal {
  if (!ctx.principal) throw unauthenticated();
  return ctx.principal;
}

/**
 * The single authorization gate: `@Authorized()` = any signed-in principal whose password is in
 * order; `@Authorized(Role.X, …)` = one of those roles. Ownership (which institution, region) is
 * checked by the access policy in `access.ts`, which every service uses.
 */
export const authChecker: AuthChecker<AuthContext> = ({ context }, roles) => {
  const principal = context.principal;
  if (!principal) {
    throw context.sessionExpired ? unauthenticated("登录已超时，请重新登录", "SESSION_EXPIRED") : unauthenticated();
  }
  if (principal.mustChangePassword && !roles.includes(DURING_PASSWORD_CHANGE)) {
    throw new AppError(ErrorCode.PASSWORD_CHANGE_REQUIRED, "首次登录或密码被重置后，请先修改密码");
  }
  const required = roles.filter((r) => r !== DURING_PASSWORD_CHANGE);
  if (required.length === 0 || required.some((r) => principal.roles.has(r))) return true;
  throw forbidden();
};
