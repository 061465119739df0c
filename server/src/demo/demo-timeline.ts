import { In, MoreThanOrEqual, type EntityManager } from "typeorm";
import { ApplicationEvent } from "../assessment/application-event.entity";
import { Application } from "../assessment/application.entity";
import type { AssessmentCycle } from "../assessment/cycle.entity";
import { TestAttempt, AttemptStatus } from "../exams/test-attempt.entity";
import { WorkflowAction } from "../assessment/workflow";

const DAY_MS = 24 * 3600_000;

/**
 * The demo replays every timeline in the second it is seeded, so the dashboard's trend would be one spike on
 * the seeding day. This moves each seeded application's events back over the weeks since 在线测评 opened (the
 * latest phase they belong to), in order and in office hours: enrolment first, a few days between steps,
 * the applications spread over the weeks. Submission and result times on the application and its graded
 * attempts follow their events. Only what was seeded since `since` moves (a re-run finds nothing new); nothing
 * lands today or later, so today's trend point is what the demo's users do.
 */
export async function spreadDemoTimelines(em: EntityManager, cycle: AssessmentCycle, since: Date): Promise<void> {
  const test = cycle.phases.find((p) => p.key === "TEST");
  const opened = Date.parse(`${test?.startDate ?? cycle.startDate}T00:00:00+08:00`);
  const now = Date.now();
  // Whole days back from today that stay inside the test phase (at most twelve weeks).
  const span = Math.min(84, Math.floor((now - opened) / DAY_MS) - 1);
  if (span < 7) return;
  const events = await em.find(ApplicationEvent, {
    where: { at: MoreThanOrEqual(since) },
    order: { applicationId: "ASC", id: "ASC" },
  });
  const byApplication = new Map<number, ApplicationEvent[]>();
  for (const e of events) byApplication.set(e.applicationId, [...(byApplication.get(e.applicationId) ?? []), e]);
  const todayStart = Date.parse(`${new Date(now + 8 * 3600_000).toISOString().slice(0, 10)}T00:00:00+08:00`);

  let nth = 0;
  for (const [applicationId, timeline] of byApplication) {
    // Up to half the span between the first and the last step; the last step somewhere in the rest.
    const gap = Math.max(1, Math.floor(span / 2 / Math.max(timeline.length - 1, 1)));
    const lastBack = 1 + ((nth++ * 7919) % Math.max(1, span - gap * (timeline.length - 1)));
    const moved = timeline.map((e, i) => {
      const daysBack = lastBack + gap * (timeline.length - 1 - i);
      // 09:00–16:59 China time, minutes apart within the day so the order holds.
      const at = new Date(todayStart - daysBack * DAY_MS + (9 + ((applicationId + i) % 8)) * 3600_000 + i * 60_000);
      return { e, at };
    });
    for (const { e, at } of moved) await em.update(ApplicationEvent, { id: e.id }, { at });
    const submitted = moved.filter(({ e }) => e.action === WorkflowAction.SUBMIT).at(-1);
    if (submitted) await em.update(Application, { id: applicationId }, { submittedAt: submitted.at });
    const result = moved.find(({ e }) => e.action === WorkflowAction.RECORD_TEST_RESULT);
    if (result)
      await em.update(
        TestAttempt,
        { applicationId, status: In([AttemptStatus.GRADED]), isMakeup: false },
        { startedAt: new Date(result.at.getTime() - 3600_000), submittedAt: result.at },
      );
  }
}
