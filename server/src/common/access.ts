import type { FilterTarget } from "../db/shaped-query";
import { RegionLevel } from "../regions/region.entity";
import type { Institution } from "../institutions/institution.entity";
import { Role, type Principal } from "./auth";
import { notFound } from "./errors";

/**
 * Ownership policy: which institutions' data a principal may see or act on. Roles say *what* a
 * principal may do (@Authorized); this says *on whose data*. Every service goes through here.
 *
 * - institution: its own institution only;
 * - assessment institution: itself and the institutions assigned to it;
 * - health administration and API client: the institutions inside its region;
 * - physician: his own institution's public facts only.
 */
export type InstitutionRef = Pick<
  Institution,
  "id" | "provinceCode" | "cityCode" | "countyCode" | "assessmentInstitutionId"
>;

const regionColumn: Record<RegionLevel, "provinceCode" | "cityCode" | "countyCode"> = {
  [RegionLevel.PROVINCE]: "provinceCode",
  [RegionLevel.CITY]: "cityCode",
  [RegionLevel.COUNTY]: "countyCode",
};

/** True when the region jurisdiction of an administration or API client contains the institution. */
export function regionCovers(
  p: Principal,
  inst: Pick<InstitutionRef, "provinceCode" | "cityCode" | "countyCode">,
): boolean {
  if (!p.regionCode || !p.regionLevel) return false;
  return inst[regionColumn[p.regionLevel]] === p.regionCode;
}

export function isRegionalPrincipal(p: Principal): boolean {
  return p.roles.has(Role.HEALTH_ADMIN) || p.roles.has(Role.API_CLIENT);
}

/** May `p` read data (profile, roster, applications) of this institution? */
export function canSeeInstitution(p: Principal, inst: InstitutionRef): boolean {
  if (p.institutionId === inst.id) return true;
  if (p.roles.has(Role.ASSESSMENT_INSTITUTION) && inst.assessmentInstitutionId === p.institutionId) return true;
  return isRegionalPrincipal(p) && regionCovers(p, inst);
}

/** May `p` act as this institution's own staff (review, enroll, edit its profile)? */
export function isOwnInstitution(p: Principal, institutionId: number): boolean {
  return p.roles.has(Role.INSTITUTION) && p.institutionId === institutionId;
}

/** May `p` act as the assessment institution responsible for this institution (re-review, results)? */
export function isAssessorOf(p: Principal, inst: Pick<InstitutionRef, "assessmentInstitutionId">): boolean {
  return (
    p.roles.has(Role.ASSESSMENT_INSTITUTION) &&
    p.institutionId !== null &&
    inst.assessmentInstitutionId === p.institutionId
  );
}

/** May `p` act as a health administration over this institution? */
export function administers(p: Principal, inst: InstitutionRef): boolean {
  return p.roles.has(Role.HEALTH_ADMIN) && regionCovers(p, inst);
}

export function assertCanSee<T extends InstitutionRef>(p: Principal, inst: T | null | undefined, what: string): T {
  // Another institution's record is reported as missing, so ids cannot be probed.
  if (!inst || !canSeeInstitution(p, inst)) throw notFound(what);
  return inst;
}

/**
 * Restricts a query joined to `institution` (alias `instAlias`) to what `p` may see. Applied to
 * every list, so no page can leak another institution's rows.
 */
export function scopeToVisibleInstitutions<Q extends Pick<FilterTarget, "andWhere">>(
  qb: Q,
  p: Principal,
  instAlias: string,
): Q {
  if (isRegionalPrincipal(p) && p.regionCode && p.regionLevel) {
    qb.andWhere(`${instAlias}.${regionColumn[p.regionLevel]} = :scopeRegion`, { scopeRegion: p.regionCode });
  } else if (p.roles.has(Role.ASSESSMENT_INSTITUTION) && p.institutionId) {
    qb.andWhere(`(${instAlias}.id = :scopeInst OR ${instAlias}.assessmentInstitutionId = :scopeInst)`, {
      scopeInst: p.institutionId,
    });
  } else if (p.institutionId) qb.andWhere(`${instAlias}.id = :scopeInst`, { scopeInst: p.institutionId });
  else qb.andWhere("1 = 0");
  return qb;
}

/** The region filter (column, code) of a regional principal, for roll-ups over denormalised codes. */
export function regionFilterOf(
  p: Principal,
): { column: "provinceCode" | "cityCode" | "countyCode"; code: string } | null {
  if (!p.regionCode || !p.regionLevel) return null;
  return { column: regionColumn[p.regionLevel], code: p.regionCode };
}
