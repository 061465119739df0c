import type { EntityManager } from "typeorm";
import { AssessmentCycle } from "./cycle.entity";

/** The province's current cycle, or null between cycles. */
export function currentCycle(em: EntityManager, provinceCode: string): Promise<AssessmentCycle | null> {
  return em.findOneBy(AssessmentCycle, { provinceCode, isCurrent: true });
}
