import { administers, isAssessorOf, regionCovers, type InstitutionRef } from "../common/access";
import { permissionRole, ApiPermission, Role, type Principal } from "../common/auth";
import { Party } from "./workflow";

/**
 * Does `p` act as `party` for an application of `institution` (and physician)? The role was already
 * checked by @Authorized; this is the ownership half of the rule.
 */
export function partyAllows(
  p: Principal,
  party: Party,
  app: { physicianId: number; institutionId: number | null },
  institution: InstitutionRef,
): boolean {
  switch (party) {
    case Party.OWN_INSTITUTION:
      return p.roles.has(Role.INSTITUTION) && p.institutionId === app.institutionId;
    case Party.PHYSICIAN_SELF:
      return p.roles.has(Role.PHYSICIAN) && p.physicianId === app.physicianId;
    case Party.ASSESSOR:
      return isAssessorOf(p, institution);
    case Party.ADMINISTRATION:
      return administers(p, institution);
    case Party.PROVINCE:
      return p.roles.has(Role.PROVINCIAL_ADMIN) && regionCovers(p, institution);
    case Party.TEST_SYSTEM:
      return (
        isAssessorOf(p, institution) ||
        (p.roles.has(permissionRole(ApiPermission.RECORD_TEST_RESULTS)) && regionCovers(p, institution))
      );
  }
}

/** The role an actor acted in, for the timeline. */
export function actingRole(p: Principal, party: Party): string {
  switch (party) {
    case Party.OWN_INSTITUTION:
      return Role.INSTITUTION;
    case Party.PHYSICIAN_SELF:
      return Role.PHYSICIAN;
    case Party.ASSESSOR:
      return Role.ASSESSMENT_INSTITUTION;
    case Party.ADMINISTRATION:
      return Role.HEALTH_ADMIN;
    case Party.PROVINCE:
      return Role.PROVINCIAL_ADMIN;
    case Party.TEST_SYSTEM:
      return p.type === "API_CLIENT" ? Role.API_CLIENT : Role.ASSESSMENT_INSTITUTION;
  }
}
