import { In, IsNull, type EntityManager } from "typeorm";
import { Application } from "../assessment/application.entity";
import { adjustCounters } from "../assessment/counters";
import { bulkInsert } from "../db/bulk-insert";
import type { AssessmentCycle } from "../assessment/cycle.entity";
import { ApplicationStatus, ExemptionStatus } from "../assessment/workflow";
import type { Institution } from "../institutions/institution.entity";

const CHUNK = 500;

/**
 * Every physician on an institution's roster has an application in the current cycle (NOT_ENROLLED
 * until enrolled), so tabs and counts are plain filters. This gives the institution the applications
 * its newly attached physicians lack: it takes over a detached one, or creates one.
 */
export async function attachRosterApplications(
  em: EntityManager,
  cycle: Pick<AssessmentCycle, "id">,
  institution: Pick<Institution, "id" | "provinceCode" | "cityCode" | "countyCode">,
  physicians: { id: number; departmentId: number | null }[],
): Promise<void> {
  if (!physicians.length) return;
  let added = 0;
  for (let i = 0; i < physicians.length; i += CHUNK) {
    const chunk = physicians.slice(i, i + CHUNK);
    const ids = chunk.map((p) => p.id);
    const existing = await em.find(Application, {
      where: { cycleId: cycle.id, physicianId: In(ids) },
      select: { id: true, physicianId: true, institutionId: true },
    });
    const detached = existing.filter((a) => a.institutionId === null).map((a) => a.id);
    if (detached.length) {
      await em.update(
        Application,
        { id: In(detached), institutionId: IsNull() },
        { institutionId: institution.id, updatedAt: new Date() },
      );
      added += detached.length;
    }
    const have = new Set(existing.map((a) => a.physicianId));
    const now = new Date();
    const rows = chunk
      .filter((p) => !have.has(p.id))
      .map((p) => [
        cycle.id,
        p.id,
        institution.id,
        p.departmentId,
        ApplicationStatus.NOT_ENROLLED,
        ExemptionStatus.NONE,
        "",
        now,
        1,
        now,
        now,
      ]);
    await bulkInsert(
      em,
      "application",
      [
        "cycle_id",
        "physician_id",
        "institution_id",
        "department_id",
        "status",
        "exemption_status",
        "last_action",
        "last_action_at",
        "version",
        "created_at",
        "updated_at",
      ],
      rows,
    );
    added += rows.length;
  }
  await adjustCounters(em, [{ cycleId: cycle.id, institution, status: ApplicationStatus.NOT_ENROLLED, delta: added }]);
}
