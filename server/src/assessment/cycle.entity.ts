import { Field, Float, Int, ObjectType } from "type-graphql";
import { Column, Entity, Index, PrimaryColumn, PrimaryGeneratedColumn } from "typeorm";
import { DateOnlyColumn, DateTimeColumn } from "../db/columns";
import { Procedure, TestKind } from "./procedure";

@ObjectType({ description: "考核周期中的一个阶段 (phase of a cycle, with its dates)" })
export class CyclePhase {
  @Field({
    description:
      "阶段代码 (REGISTRATION 报名, INSTITUTION_REVIEW 机构审核, ASSESSMENT_REVIEW 考核机构复核, TEST 测评, MAKEUP 补考)",
  })
  key: string;

  @Field({ description: "阶段名称 (name)" })
  name: string;

  @Field({ description: "开始日期 YYYY-MM-DD (start date)" })
  startDate: string;

  @Field({ description: "结束日期 YYYY-MM-DD，含当天 (end date, inclusive)" })
  endDate: string;
}

@ObjectType({ description: "某一考核程序需参加的测评 (tests a procedure requires)" })
export class ProcedureTests {
  @Field(() => Procedure)
  procedure: Procedure;

  @Field(() => [TestKind])
  tests: TestKind[];

  @Field(() => TestKind, {
    nullable: true,
    description: "申请免考时可免除的测评 (the test an approved exemption removes)",
  })
  exemptable: TestKind | null;
}

@ObjectType({
  description: "一般程序工作数量标准 (work-quantity standard of the general procedure, set by the province)",
})
export class WorkQuantityStandard {
  @Field({ description: "项目代码 (item code, e.g. PATIENTS, OPERATIONS, EXAMINATIONS)" })
  code: string;

  @Field({ description: "项目名称 (e.g. 接诊病人数)" })
  name: string;

  @Field({ description: "适用科室 (which departments it applies to, e.g. 外科科室)" })
  appliesTo: string;

  @Field(() => Float, { nullable: true, description: "标准数量 (threshold; null = set locally)" })
  threshold: number | null;

  @Field({ description: "单位 (unit, e.g. 人次/两年)" })
  unit: string;
}

@ObjectType({ description: "简易程序适用条件 (simple-procedure eligibility, configurable per cycle)" })
export class SimpleProcedureRule {
  @Field(() => Int, { description: "有良好行为记录时的最低执业年限 (years of practice with a good record; default 5)" })
  minYearsWithGoodRecord: number;

  @Field(() => Int, {
    description: "无不良行为记录时的最低执业年限 (years of practice without a bad record; default 12)",
  })
  minYearsWithoutBadRecord: number;
}

/** 考核周期: three years (Physician Law art. 42); phases and rules set by the province. */
@ObjectType({ description: "考核周期 (assessment cycle)" })
@Entity({ name: "assessment_cycle" })
@Index(["provinceCode", "isCurrent"])
export class AssessmentCycle {
  @Field(() => Int)
  @PrimaryGeneratedColumn()
  id: number;

  @Field({ description: "名称 (name, e.g. 2024—2026 年度医师定期考核)" })
  @Column({ type: "varchar", length: 128 })
  name: string;

  @Field({ description: "省级区划代码 (province)" })
  @Column({ type: "varchar", length: 6 })
  provinceCode: string;

  @Field({ description: "周期开始日期 (start date)" })
  @DateOnlyColumn()
  startDate: string;

  @Field({ description: "周期结束日期 (end date)" })
  @DateOnlyColumn()
  endDate: string;

  @Field({ description: "是否为当前周期 (the province's current cycle)" })
  @Column({ type: "boolean", default: false })
  isCurrent: boolean;

  @Field(() => [CyclePhase], { description: "考核时间安排 (schedule of phases)" })
  @Column({ type: "simple-json" })
  phases: CyclePhase[];

  @Field(() => [ProcedureTests], { description: "各程序需参加的测评 (tests per procedure)" })
  @Column({ type: "simple-json" })
  requiredTests: ProcedureTests[];

  @Field(() => [WorkQuantityStandard], { description: "一般程序工作数量标准 (work-quantity standards)" })
  @Column({ type: "simple-json" })
  workQuantityStandards: WorkQuantityStandard[];

  @Field(() => SimpleProcedureRule, { description: "简易程序适用条件 (simple-procedure eligibility)" })
  @Column({ type: "simple-json" })
  simpleProcedureRule: SimpleProcedureRule;

  @Field({ description: "首次登录时提示的考核周期告知内容 (notice shown once per cycle)" })
  @Column({ type: "text" })
  notice: string;

  @DateTimeColumn()
  createdAt: Date;
}

/** An account confirmed the cycle notice (去确认), so it is not shown again this cycle. */
@Entity({ name: "cycle_notice_ack" })
export class CycleNoticeAck {
  @PrimaryColumn({ type: "int" })
  accountId: number;

  @PrimaryColumn({ type: "int" })
  cycleId: number;

  @DateTimeColumn()
  at: Date;
}

/** The phases a cycle defines; the workflow table names which of them gate each action. */
export const PHASE_KEYS = ["REGISTRATION", "INSTITUTION_REVIEW", "ASSESSMENT_REVIEW", "TEST", "MAKEUP"] as const;
export type PhaseKey = (typeof PHASE_KEYS)[number];

/** Is `today` (YYYY-MM-DD) inside the phase `key` of the cycle? */
export function phaseOpen(cycle: Pick<AssessmentCycle, "phases">, key: string, today: string): boolean {
  const phase = cycle.phases.find((p) => p.key === key);
  return !!phase && phase.startDate <= today && today <= phase.endDate;
}

/** Today's date in China Standard Time, which is what phase dates mean to users. */
export function todayInChina(now = new Date()): string {
  return new Date(now.getTime() + 8 * 3600_000).toISOString().slice(0, 10);
}
