import { Rating } from "../application.types";
import { ratedItem } from "../application.service";
import { defaultCycleRules } from "../cycle.defaults";
import {
  afterReReview,
  afterResult,
  afterVoid,
  exemptionFits,
  failedKinds,
  overallRating,
  remainingTests,
  simpleProcedureRefusal,
  yearsBetween,
} from "../outcome";
import { actingRole, partyAllows } from "../parties";
import { phaseRefusal } from "../phases";
import { Procedure, TestKind } from "../procedure";
import { ApplicationStatus as S, ExemptionStatus as E, Party } from "../workflow";
import { PRINCIPALS as P, QINGXIU_INSTITUTION as inst } from "../../testing/principals";
import { Role } from "../../common/auth";

/** The pure policy beside the HTTP tests: who acts as which party, and where outcomes lead. */
const cycle = defaultCycleRules();
const app = { physicianId: 100, institutionId: 10 };

describe("partyAllows", () => {
  const cases: [Party, keyof typeof P, boolean][] = [
    [Party.OWN_INSTITUTION, "ownInstitution", true],
    [Party.OWN_INSTITUTION, "otherInstitution", false],
    [Party.OWN_INSTITUTION, "physician", false],
    [Party.PHYSICIAN_SELF, "physician", true],
    [Party.PHYSICIAN_SELF, "otherPhysician", false],
    [Party.ASSESSOR, "assessor", true],
    [Party.ASSESSOR, "otherAssessor", false],
    [Party.ADMINISTRATION, "county", true],
    [Party.ADMINISTRATION, "city", true],
    [Party.ADMINISTRATION, "otherCity", false],
    [Party.ADMINISTRATION, "reader", false],
    [Party.PROVINCE, "province", true],
    [Party.PROVINCE, "city", false],
    [Party.PROVINCE, "otherProvince", false],
    [Party.TEST_SYSTEM, "assessor", true],
    [Party.TEST_SYSTEM, "testSystem", true],
    [Party.TEST_SYSTEM, "farTestSystem", false],
    [Party.TEST_SYSTEM, "reader", false],
  ];
  it.each(cases)("%s for %s: %s", (party, who, expected) => {
    expect(partyAllows(P[who], party, app, inst)).toBe(expected);
  });

  it("names the role acted in for the timeline (the test system as API client or assessor)", () => {
    expect(actingRole(P.testSystem, Party.TEST_SYSTEM)).toBe(Role.API_CLIENT);
    expect(actingRole(P.assessor, Party.TEST_SYSTEM)).toBe(Role.ASSESSMENT_INSTITUTION);
    expect(actingRole(P.province, Party.ADMINISTRATION)).toBe(Role.HEALTH_ADMIN);
    expect(actingRole(P.province, Party.PROVINCE)).toBe(Role.PROVINCIAL_ADMIN);
  });
});

describe("outcome rules", () => {
  const facts = (procedure: Procedure, exemptionStatus = E.NONE, exemptedTest: TestKind | null = null) => ({
    procedure,
    exemptionStatus,
    exemptedTest,
  });

  it("an approved exemption removes only the test the procedure in force allows", () => {
    expect(remainingTests(cycle, facts(Procedure.SIMPLE, E.APPROVED, TestKind.HUMANITIES))).toEqual([]);
    expect(remainingTests(cycle, facts(Procedure.GENERAL, E.APPROVED, TestKind.PROFESSIONAL))).toEqual([
      TestKind.HUMANITIES,
    ]);
    // 医学人文 exempted under the simple procedure, now general: nothing is removed.
    expect(remainingTests(cycle, facts(Procedure.GENERAL, E.APPROVED, TestKind.HUMANITIES)).sort()).toEqual([
      TestKind.HUMANITIES,
      TestKind.PROFESSIONAL,
    ]);
    expect(remainingTests(cycle, facts(Procedure.SIMPLE, E.AWAITING_INSTITUTION, TestKind.HUMANITIES))).toEqual([
      TestKind.HUMANITIES,
    ]);
    expect(exemptionFits(cycle, Procedure.SIMPLE, TestKind.PROFESSIONAL)).toBe(false);
    expect(exemptionFits(cycle, Procedure.SIMPLE, null)).toBe(false);
  });

  it("any 不合格 rating makes the result 不合格; 复核通过 leads by it and by what is left to test", () => {
    expect(
      overallRating([
        { item: "A", rating: Rating.QUALIFIED },
        { item: "B", rating: Rating.UNQUALIFIED },
      ]),
    ).toBe(Rating.UNQUALIFIED);
    expect(afterReReview(cycle, facts(Procedure.SIMPLE), Rating.UNQUALIFIED)).toBe(S.UNQUALIFIED);
    expect(afterReReview(cycle, facts(Procedure.SIMPLE), Rating.QUALIFIED)).toBe(S.AWAITING_TEST);
    expect(afterReReview(cycle, facts(Procedure.SIMPLE, E.APPROVED, TestKind.HUMANITIES), Rating.QUALIFIED)).toBe(
      S.QUALIFIED,
    );
  });

  it("a first failure asks for a make-up, a make-up failure is final, the last pass is 合格", () => {
    const testing = { ...facts(Procedure.GENERAL), status: S.AWAITING_TEST };
    const pass = (testKind: TestKind) => ({ testKind, passed: true, voided: false });
    expect(afterResult(cycle, testing, [pass(TestKind.HUMANITIES)], true)).toBe(S.AWAITING_TEST);
    expect(afterResult(cycle, testing, [pass(TestKind.HUMANITIES), pass(TestKind.PROFESSIONAL)], true)).toBe(
      S.QUALIFIED,
    );
    expect(afterResult(cycle, testing, [], false)).toBe(S.AWAITING_MAKEUP_CONFIRMATION);
    expect(afterResult(cycle, { ...testing, status: S.AWAITING_MAKEUP_TEST }, [], false)).toBe(S.UNQUALIFIED);
    expect(afterVoid(S.QUALIFIED, false)).toBe(S.AWAITING_MAKEUP_CONFIRMATION);
    expect(afterVoid(S.AWAITING_MAKEUP_TEST, true)).toBe(S.UNQUALIFIED);
  });

  it("failedKinds counts failed and voided attempts, not open ones", () => {
    const kinds = failedKinds([
      { testKind: TestKind.HUMANITIES, passed: false, voided: false },
      { testKind: TestKind.PROFESSIONAL, passed: null, voided: false },
    ]);
    expect([...kinds]).toEqual([TestKind.HUMANITIES]);
    expect([...failedKinds([{ testKind: TestKind.PROFESSIONAL, passed: true, voided: true }])]).toEqual([
      TestKind.PROFESSIONAL,
    ]);
  });

  it("simple-procedure eligibility: 5 years with a good record or 12 without a bad one", () => {
    const rule = cycle.simpleProcedureRule;
    expect(yearsBetween("2020-03-02", "2025-03-01")).toBe(4);
    expect(simpleProcedureRefusal(rule, "2020-03-01", true, false, "2025-03-01")).toBeNull();
    expect(simpleProcedureRefusal(rule, "2020-03-01", false, false, "2025-03-01")).toContain("当前执业 5 年");
    expect(simpleProcedureRefusal(rule, "2010-01-01", false, false, "2025-03-01")).toBeNull();
    expect(simpleProcedureRefusal(rule, null, true, false, "2025-03-01")).toContain("缺少首次执业日期");
  });

  it("a work-quantity rating against the declared figure and the standard", () => {
    const submission = { workQuantities: [{ code: "OPERATIONS", value: 1650 }] };
    expect(ratedItem("WORK_QUANTITY:OPERATIONS", "手术量", Rating.UNQUALIFIED, submission, cycle)).toMatchObject({
      declaredValue: 1650,
      threshold: 1500,
      contradictsStandard: true,
    });
    expect(
      ratedItem("WORK_QUANTITY:OPERATIONS", "手术量", Rating.QUALIFIED, submission, cycle).contradictsStandard,
    ).toBe(false);
    expect(ratedItem("ETHICS", "职业道德", Rating.UNQUALIFIED, submission, cycle)).toEqual({
      item: "ETHICS",
      itemName: "职业道德",
      rating: Rating.UNQUALIFIED,
    });
  });
});

describe("phaseRefusal", () => {
  const phases = [
    { key: "REGISTRATION", name: "医师报名", startDate: "2026-01-01", endDate: "2026-03-31" },
    { key: "INSTITUTION_REVIEW", name: "医疗卫生机构审核", startDate: "2026-01-01", endDate: "2026-04-30" },
  ];
  it("allows while any gating phase is open and says which closed, and when, otherwise", () => {
    expect(phaseRefusal({ phases }, ["REGISTRATION", "INSTITUTION_REVIEW"], "提交报名", "2026-04-15")).toBeNull();
    expect(phaseRefusal({ phases }, ["REGISTRATION"], "提交报名", "2026-04-15")).toEqual({
      phase: "REGISTRATION",
      message:
        "不在本周期“医师报名”阶段内（该阶段已于 2026-03-31 结束），不能提交报名；如需延长，请联系省级卫生行政部门",
    });
    expect(phaseRefusal({ phases }, ["TEST"], "录入测评结果", "2026-04-15")?.message).toContain("本周期未安排该阶段");
    expect(phaseRefusal({ phases }, ["REGISTRATION"], "提交报名", "2025-12-31")?.message).toContain(
      "该阶段自 2026-01-01 开始",
    );
  });
});
