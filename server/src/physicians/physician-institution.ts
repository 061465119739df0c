import type { EntityManager } from "typeorm";
import { Physician } from "./physician.entity";

/** The institution a physician currently practises at (null once transferred out). */
export async function physicianInstitutionId(em: EntityManager, physicianId: number | null): Promise<number | null> {
  if (!physicianId) return null;
  const row = await em.findOne(Physician, { where: { id: physicianId }, select: { id: true, institutionId: true } });
  return row?.institutionId ?? null;
}
