import type { AssessmentCycle } from "./cycle.entity";
import { Procedure, TestKind } from "./procedure";

const addDays = (isoDate: string, days: number) => {
  const d = new Date(`${isoDate}T00:00:00Z`);
  d.setUTCDate(d.getUTCDate() + days);
  return d.toISOString().slice(0, 10);
};

/**
 * The rules a province starts a cycle with: manual 2.2.6–2.2.8 for tests and exemptions, manual
 * 2.2.7 for work quantities, the 2007 regulation's 5/12-year simple-procedure rule. All editable.
 */
export function defaultCycleRules(): Pick<
  AssessmentCycle,
  "requiredTests" | "workQuantityStandards" | "simpleProcedureRule"
> {
  return {
    requiredTests: [
      { procedure: Procedure.SIMPLE, tests: [TestKind.HUMANITIES], exemptable: TestKind.HUMANITIES },
      {
        procedure: Procedure.GENERAL,
        tests: [TestKind.PROFESSIONAL, TestKind.HUMANITIES],
        exemptable: TestKind.PROFESSIONAL,
      },
    ],
    workQuantityStandards: [
      { code: "PATIENTS", name: "接诊病人数", appliesTo: "临床科室", threshold: 2000, unit: "人次/两年" },
      { code: "OPERATIONS", name: "手术量", appliesTo: "外科科室", threshold: 1500, unit: "例/两年" },
      { code: "EXAMINATIONS", name: "检验/检查量", appliesTo: "医技科室", threshold: null, unit: "例/两年" },
    ],
    simpleProcedureRule: { minYearsWithGoodRecord: 5, minYearsWithoutBadRecord: 12 },
  };
}

/** The three-year cycle containing `today` (cycles start 2024, 2027 …) with phases around `today`. */
export function cycleAround(today: string, provinceCode: string): Omit<AssessmentCycle, "id"> {
  const year = Number(today.slice(0, 4));
  const startYear = 2024 + Math.floor((year - 2024) / 3) * 3;
  return {
    name: `${startYear}—${startYear + 2} 年度医师定期考核`,
    provinceCode,
    startDate: `${startYear}-01-01`,
    endDate: `${startYear + 2}-12-31`,
    isCurrent: true,
    phases: [
      { key: "REGISTRATION", name: "医师报名", startDate: addDays(today, -90), endDate: addDays(today, 30) },
      {
        key: "INSTITUTION_REVIEW",
        name: "医疗卫生机构审核",
        startDate: addDays(today, -90),
        endDate: addDays(today, 40),
      },
      { key: "ASSESSMENT_REVIEW", name: "考核机构复核", startDate: addDays(today, -80), endDate: addDays(today, 50) },
      { key: "TEST", name: "在线测评", startDate: addDays(today, -60), endDate: addDays(today, 60) },
      { key: "MAKEUP", name: "补考", startDate: addDays(today, -30), endDate: addDays(today, 75) },
    ],
    ...defaultCycleRules(),
    notice:
      `本周期医师定期考核自 ${startYear} 年 1 月 1 日起至 ${startYear + 2} 年 12 月 31 日止。` +
      "请各医疗卫生机构及时完善本机构信息和科室信息，确认参加考核的医师名单，并在规定时间内完成医师报名信息的审核。",
    createdAt: new Date(),
  };
}
