import { In, type EntityManager } from "typeorm";
import type { Application } from "../assessment/application.entity";
import type { AssessmentCycle } from "../assessment/cycle.entity";
import { passedKinds, remainingTests } from "../assessment/outcome";
import { AttemptStatus, TestAttempt } from "./test-attempt.entity";
import { TestPaper } from "./test-paper.entity";

export const OPEN_ATTEMPT_STATUSES = [AttemptStatus.NOT_STARTED, AttemptStatus.IN_PROGRESS, AttemptStatus.SUBMITTED];

/**
 * When an application reaches 待参加考核 (or 待参加补考), each test it still needs gets a 未开始
 * attempt on the cycle's latest paper of that kind, so 测评进度 lists who has not started yet.
 */
export async function scheduleAttempts(
  em: EntityManager,
  app: Application,
  cycle: AssessmentCycle,
  isMakeup: boolean,
): Promise<void> {
  const existing = await em.findBy(TestAttempt, { applicationId: app.id });
  const passed = passedKinds(existing);
  const open = new Set(existing.filter((a) => OPEN_ATTEMPT_STATUSES.includes(a.status)).map((a) => a.testKind));
  const kinds = remainingTests(cycle, app).filter((k) => !passed.has(k) && !open.has(k));
  if (!kinds.length) return;
  const papers = await em.find(TestPaper, { where: { cycleId: cycle.id, kind: In(kinds) }, order: { id: "DESC" } });
  const now = new Date();
  await em.insert(
    TestAttempt,
    kinds.map((testKind) => ({
      applicationId: app.id,
      cycleId: app.cycleId,
      physicianId: app.physicianId,
      institutionId: app.institutionId!,
      paperId: papers.find((p) => p.kind === testKind)?.id ?? null,
      testKind,
      isMakeup,
      status: AttemptStatus.NOT_STARTED,
      startedAt: null,
      submittedAt: null,
      score: null,
      passed: null,
      recordedByType: "",
      recordedById: null,
      createdAt: now,
      updatedAt: now,
    })),
  );
}
