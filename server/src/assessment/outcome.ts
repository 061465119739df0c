import type { AssessmentCycle, SimpleProcedureRule } from "./cycle.entity";
import { Rating, type ItemRating } from "./application.types";
import { Procedure, TestKind } from "./procedure";
import { ApplicationStatus, ExemptionStatus } from "./workflow";

/**
 * The outcome rules of the workflow, as pure functions (manual 2.2.7 note, 2.2.8 note, workflow.md):
 * any 不合格 rating makes the result 不合格; an approved exemption removes only the test the
 * procedure allows; passing every remaining test makes it 合格.
 */
export function requiredTests(cycle: Pick<AssessmentCycle, "requiredTests">, procedure: Procedure | null): TestKind[] {
  return cycle.requiredTests.find((r) => r.procedure === procedure)?.tests ?? [];
}

export function exemptableTest(
  cycle: Pick<AssessmentCycle, "requiredTests">,
  procedure: Procedure | null,
): TestKind | null {
  return cycle.requiredTests.find((r) => r.procedure === procedure)?.exemptable ?? null;
}

interface AppFacts {
  procedure: Procedure | null;
  exemptionStatus: ExemptionStatus;
  exemptedTest: TestKind | null;
}

/**
 * Does an exemption of `exemptedTest` fit the procedure in force? Manual 2.2.8: the simple procedure may be
 * exempted from 医学人文 only, the general one from 业务水平 only; changing the procedure voids one that no longer fits.
 */
export const exemptionFits = (
  cycle: Pick<AssessmentCycle, "requiredTests">,
  procedure: Procedure | null,
  exemptedTest: TestKind | null,
) => exemptedTest !== null && exemptableTest(cycle, procedure) === exemptedTest;

/** Tests the physician must still pass: the procedure's, less an approved exemption that fits the procedure in force. */
export function remainingTests(cycle: Pick<AssessmentCycle, "requiredTests">, app: AppFacts): TestKind[] {
  const exempt =
    app.exemptionStatus === ExemptionStatus.APPROVED && exemptionFits(cycle, app.procedure, app.exemptedTest)
      ? app.exemptedTest
      : null;
  return requiredTests(cycle, app.procedure).filter((t) => t !== exempt);
}

/** Kinds failed by a graded (or absent) attempt, or voided for cheating: an exemption no longer covers them. */
export const failedKinds = (attempts: (AttemptFacts & { passed: boolean | null })[]) =>
  new Set(attempts.filter((a) => a.voided || a.passed === false).map((a) => a.testKind));

export const overallRating = (ratings: ItemRating[]): Rating =>
  ratings.some((r) => r.rating === Rating.UNQUALIFIED) ? Rating.UNQUALIFIED : Rating.QUALIFIED;

/** Where 复核通过 leads: 不合格 on any bad rating, 合格 if nothing is left to test, else the tests. */
export function afterReReview(
  cycle: Pick<AssessmentCycle, "requiredTests">,
  app: AppFacts,
  institutionOutcome: Rating,
): ApplicationStatus {
  if (institutionOutcome === Rating.UNQUALIFIED) return ApplicationStatus.UNQUALIFIED;
  return remainingTests(cycle, app).length ? ApplicationStatus.AWAITING_TEST : ApplicationStatus.QUALIFIED;
}

export interface AttemptFacts {
  testKind: TestKind;
  passed: boolean | null;
  voided: boolean;
}

/** Kinds already passed by a graded, not voided attempt. */
export const passedKinds = (attempts: AttemptFacts[]) =>
  new Set(attempts.filter((a) => a.passed === true && !a.voided).map((a) => a.testKind));

/**
 * Where a recorded result leads: a first-attempt failure asks the province about a make-up, a make-up
 * failure is final; passing the last remaining test is 合格; otherwise the physician still has tests.
 */
export function afterResult(
  cycle: Pick<AssessmentCycle, "requiredTests">,
  app: AppFacts & { status: ApplicationStatus },
  attemptsIncludingThis: AttemptFacts[],
  thisPassed: boolean,
): ApplicationStatus {
  const makeup = app.status === ApplicationStatus.AWAITING_MAKEUP_TEST;
  if (!thisPassed) return makeup ? ApplicationStatus.UNQUALIFIED : ApplicationStatus.AWAITING_MAKEUP_CONFIRMATION;
  const passed = passedKinds(attemptsIncludingThis);
  return remainingTests(cycle, app).every((t) => passed.has(t)) ? ApplicationStatus.QUALIFIED : app.status;
}

/** A voided (cheating) attempt counts as failed: a make-up attempt ends the assessment, a first one asks for a make-up. */
export function afterVoid(status: ApplicationStatus, attemptWasMakeup: boolean): ApplicationStatus {
  if (attemptWasMakeup) return ApplicationStatus.UNQUALIFIED;
  if (status === ApplicationStatus.AWAITING_MAKEUP_CONFIRMATION || status === ApplicationStatus.AWAITING_MAKEUP_TEST)
    return status;
  return ApplicationStatus.AWAITING_MAKEUP_CONFIRMATION;
}

/** Whole years between two ISO dates. */
export function yearsBetween(from: string, to: string): number {
  const [fy, fm, fd] = from.split("-").map(Number);
  const [ty, tm, td] = to.split("-").map(Number);
  return ty - fy - (tm < fm || (tm === fm && td < fd) ? 1 : 0);
}

/**
 * Simple-procedure eligibility (2007 rule, configurable per cycle): N years of practice with a good
 * behaviour record, or M years without a bad one. Returns why not, or null.
 */
export function simpleProcedureRefusal(
  rule: SimpleProcedureRule,
  firstPracticeDate: string | null,
  hasGoodRecord: boolean,
  hasBadRecord: boolean,
  today: string,
): string | null {
  if (!firstPracticeDate) return "缺少首次执业日期，无法判断是否适用简易程序，请联系所在机构完善执业信息";
  const years = yearsBetween(firstPracticeDate, today);
  if (years >= rule.minYearsWithGoodRecord && hasGoodRecord) return null;
  if (years >= rule.minYearsWithoutBadRecord && !hasBadRecord) return null;
  return `不符合简易程序条件：需执业满 ${rule.minYearsWithGoodRecord} 年且本周期有良好行为记录，或执业满 ${rule.minYearsWithoutBadRecord} 年且本周期无不良行为记录（当前执业 ${years} 年）。请选择一般程序`;
}
