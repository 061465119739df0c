import { isOwnInstitution } from "../common/access";
import { Role, type Principal } from "../common/auth";
import { maskIdNumber, maskPhone } from "../common/id-number";
import type { Physician } from "./physician.entity";

/**
 * Who sees a physician's full ID number and phone without asking: the physician and the owner institution.
 * Everyone else allowed to see the physician (assessment institution, administrations, API clients) gets them
 * masked, and a supervising role may reveal them with `revealPhysicianIdentity`, which is audited.
 */
export function seesFullIdentity(p: Principal, physician: Pick<Physician, "id" | "institutionId">): boolean {
  if (p.roles.has(Role.PHYSICIAN) && p.physicianId === physician.id) return true;
  return physician.institutionId !== null && isOwnInstitution(p, physician.institutionId);
}

/** The identifiers as a viewer without the full numbers sees them. */
export function maskedIdentity<T extends { idNumber: string; legacyIdNumber: string | null; phone: string }>(d: T): T {
  return {
    ...d,
    idNumber: maskIdNumber(d.idNumber),
    legacyIdNumber: d.legacyIdNumber === null ? null : maskIdNumber(d.legacyIdNumber),
    phone: maskPhone(d.phone),
  };
}
