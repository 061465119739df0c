import type { EntityManager } from "typeorm";
import { Application } from "../assessment/application.entity";
import { Procedure } from "../assessment/procedure";
import { StatusCounter } from "../assessment/status-counter.entity";
import { ApplicationStatus, ExemptionStatus, STATUS_INFO } from "../assessment/workflow";
import { toNumber } from "../db/raw";
import { Institution } from "../institutions/institution.entity";
import { HealthAdministration } from "../regions/health-administration.entity";
import { RegionLevel } from "../regions/region.entity";

/** What waits on an assessment institution, across the institutions assigned to it. */
export interface AssessorQueueCounts {
  simpleReReviews: number;
  generalReReviews: number;
  exemptionReReviews: number;
  resultsToRecord: number;
}

/** The assigned institutions, as a sub-select every count below restricts to (uses the assessor index). */
const ASSIGNED = "SELECT ai.id FROM institution ai WHERE ai.assessment_institution_id = :assessorId";

export async function assignedCount(em: EntityManager, assessorId: number): Promise<number> {
  return em.countBy(Institution, { assessmentInstitutionId: assessorId });
}

/** Counts per status over the assigned institutions, summed from the maintained counters (no row scan). */
export async function assignedStatusCounts(
  em: EntityManager,
  cycleId: number,
  assessorId: number,
): Promise<Map<ApplicationStatus, number>> {
  const rows: { status: ApplicationStatus; n: unknown }[] = await em
    .createQueryBuilder(StatusCounter, "c")
    .select("c.status", "status")
    .addSelect("SUM(c.count)", "n")
    .where("c.cycleId = :cycleId", { cycleId })
    .andWhere(`c.institutionId IN (${ASSIGNED})`, { assessorId })
    .groupBy("c.status")
    .getRawMany();
  return new Map(rows.map((r) => [r.status, toNumber(r.n)]));
}

/** The home page's queues: 复核 by procedure, 免考复核, and physicians whose result is to be recorded. */
export async function assessorQueueCounts(
  em: EntityManager,
  cycleId: number,
  assessorId: number,
  counts: Map<ApplicationStatus, number>,
): Promise<AssessorQueueCounts> {
  const byProcedure: { procedure: Procedure | null; n: unknown }[] = await em
    .createQueryBuilder(Application, "a")
    .select("a.procedure", "procedure")
    .addSelect("COUNT(*)", "n")
    .where("a.cycleId = :cycleId AND a.status = :status", {
      cycleId,
      status: ApplicationStatus.AWAITING_ASSESSMENT_REVIEW,
    })
    .andWhere(`a.institutionId IN (${ASSIGNED})`, { assessorId })
    .groupBy("a.procedure")
    .getRawMany();
  const exemptionReReviews = await em
    .createQueryBuilder(Application, "a")
    .where("a.cycleId = :cycleId AND a.exemptionStatus = :e", {
      cycleId,
      e: ExemptionStatus.AWAITING_ASSESSMENT_INSTITUTION,
    })
    .andWhere(`a.institutionId IN (${ASSIGNED})`, { assessorId })
    .getCount();
  const by = (p: Procedure) => toNumber(byProcedure.find((r) => r.procedure === p)?.n);
  return {
    simpleReReviews: by(Procedure.SIMPLE),
    generalReReviews: by(Procedure.GENERAL),
    exemptionReReviews,
    // The 录入成绩 queue (ReviewQueue.TESTING): 待参加考核 and 待参加补考.
    resultsToRecord:
      (counts.get(ApplicationStatus.AWAITING_TEST) ?? 0) + (counts.get(ApplicationStatus.AWAITING_MAKEUP_TEST) ?? 0),
  };
}

/** Every status in the workflow's order, with its label, zero when nobody is in it. */
export function statusRows(counts: Map<ApplicationStatus, number>) {
  return (Object.keys(STATUS_INFO) as ApplicationStatus[]).map((status) => ({
    status,
    label: STATUS_INFO[status].label,
    count: counts.get(status) ?? 0,
  }));
}

/**
 * Whom the assessment institution answers to: its own superior administration and the province's
 * (which confirms make-up tests and judges cheating), once each.
 */
export async function administrationContacts(em: EntityManager, self: Institution): Promise<HealthAdministration[]> {
  const [superior, province] = await Promise.all([
    self.superiorAdminId ? em.findOneBy(HealthAdministration, { id: self.superiorAdminId }) : null,
    em.findOneBy(HealthAdministration, { regionCode: self.provinceCode, level: RegionLevel.PROVINCE }),
  ]);
  return [superior, province].filter(
    (a, i, all): a is HealthAdministration => !!a && all.findIndex((b) => b?.id === a.id) === i,
  );
}
