import { ArrayMaxSize, IsNotEmpty, MaxLength, Min } from "class-validator";
import { Arg, Authorized, Ctx, Field, Float, InputType, Int, Mutation, Query, Resolver } from "type-graphql";
import { Role, requirePrincipal } from "../common/auth";
import type { Context } from "../context";
import { AssessmentCycle } from "./cycle.entity";
import { createCycle, extendPhase, updateCycle } from "./cycle.service";
import { resolveCycleId } from "./application-list";
import { Procedure, TestKind } from "./procedure";

@InputType({ description: "考核阶段 (a phase)" })
class CyclePhaseInput {
  @Field({ description: "阶段代码：REGISTRATION、INSTITUTION_REVIEW、ASSESSMENT_REVIEW、TEST、MAKEUP (phase key)" })
  key: string;
  @Field({ description: "阶段名称 (name)" }) @IsNotEmpty({ message: "请填写阶段名称" }) @MaxLength(32) name: string;
  @Field({ description: "开始日期 YYYY-MM-DD (start)" }) startDate: string;
  @Field({ description: "结束日期 YYYY-MM-DD，含当天 (end, inclusive)" }) endDate: string;
}

@InputType({ description: "某程序需参加的测评 (tests a procedure requires)" })
class ProcedureTestsInput {
  @Field(() => Procedure, { description: "考核程序 (procedure)" }) procedure: Procedure;
  @Field(() => [TestKind], { description: "需参加的测评 (tests)" }) tests: TestKind[];
  @Field(() => TestKind, { nullable: true, description: "获批免考时免除的测评 (the test an exemption removes)" })
  exemptable: TestKind | null;
}

@InputType({ description: "工作数量标准 (a work-quantity standard)" })
class WorkQuantityStandardInput {
  @Field({ description: "项目代码 (code)" }) @MaxLength(32) code: string;
  @Field({ description: "项目名称 (name)" }) @MaxLength(32) name: string;
  @Field({ description: "适用科室 (applies to)" }) @MaxLength(32) appliesTo: string;
  @Field(() => Float, { nullable: true, description: "标准数量 (threshold)" }) threshold: number | null;
  @Field({ description: "单位 (unit)" }) @MaxLength(16) unit: string;
}

@InputType({ description: "简易程序适用条件 (simple-procedure eligibility)" })
class SimpleProcedureRuleInput {
  @Field(() => Int, { description: "有良好行为记录时的最低执业年限 (years with a good record)" })
  @Min(0)
  minYearsWithGoodRecord: number;
  @Field(() => Int, { description: "无不良行为记录时的最低执业年限 (years without a bad record)" })
  @Min(0)
  minYearsWithoutBadRecord: number;
}

@InputType({
  description:
    "考核周期设置；未填写的规则沿用默认值或原值 (cycle settings; omitted rules keep defaults or current values)",
})
class CycleInput {
  @Field({ nullable: true, description: "名称 (name)" }) @MaxLength(128) name?: string;
  @Field({ nullable: true, description: "开始日期 (start date)" }) startDate?: string;
  @Field({ nullable: true, description: "结束日期 (end date)" }) endDate?: string;
  @Field(() => [CyclePhaseInput], { nullable: true, description: "考核时间安排 (phases)" })
  @ArrayMaxSize(10)
  phases?: CyclePhaseInput[];
  @Field(() => [ProcedureTestsInput], { nullable: true, description: "各程序需参加的测评 (tests per procedure)" })
  requiredTests?: ProcedureTestsInput[];
  @Field(() => [WorkQuantityStandardInput], { nullable: true, description: "工作数量标准 (work-quantity standards)" })
  @ArrayMaxSize(20)
  workQuantityStandards?: WorkQuantityStandardInput[];
  @Field(() => SimpleProcedureRuleInput, { nullable: true, description: "简易程序适用条件 (eligibility)" })
  simpleProcedureRule?: SimpleProcedureRuleInput;
  @Field({ nullable: true, description: "考核周期告知内容 (notice)" }) @MaxLength(2000) notice?: string;
}

@Resolver(() => AssessmentCycle)
export class CycleResolver {
  @Authorized()
  @Query(() => AssessmentCycle, {
    nullable: true,
    description: "当前考核周期 (the current cycle of the caller's province)",
  })
  async currentCycle(@Ctx() ctx: Context) {
    const id = await resolveCycleId(ctx, null);
    return id ? ctx.ds.getRepository(AssessmentCycle).findOneBy({ id }) : null;
  }

  @Authorized(Role.HEALTH_ADMIN, Role.API_CLIENT)
  @Query(() => [AssessmentCycle], { description: "本省全部考核周期 (all cycles of the province)" })
  cycles(@Ctx() ctx: Context) {
    const p = requirePrincipal(ctx);
    return ctx.ds
      .getRepository(AssessmentCycle)
      .find({ where: { provinceCode: `${p.regionCode!.slice(0, 2)}0000` }, order: { startDate: "DESC" } });
  }

  @Authorized(Role.PROVINCIAL_ADMIN)
  @Mutation(() => AssessmentCycle, {
    description:
      "新建考核周期（省级卫生行政部门）；设为当前周期时，全省在册医师进入“未确认参加” (create a cycle; when current, every rostered physician gets an application)",
  })
  createAssessmentCycle(
    @Arg("input") input: CycleInput,
    @Arg("makeCurrent", { defaultValue: true, description: "设为当前周期 (make it the current cycle)" })
    makeCurrent: boolean,
    @Ctx() ctx: Context,
  ) {
    // Missing and wrong fields are all named at once (BAD_USER_INPUT with `fields`).
    return createCycle(ctx, input, makeCurrent);
  }

  @Authorized(Role.PROVINCIAL_ADMIN)
  @Mutation(() => AssessmentCycle, {
    description: "修改考核周期的时间安排与规则（省级卫生行政部门） (change a cycle's schedule and rules)",
  })
  updateAssessmentCycle(
    @Arg("id", () => Int, { description: "考核周期 ID (cycle id)" }) id: number,
    @Arg("input") input: CycleInput,
    @Ctx() ctx: Context,
  ) {
    return updateCycle(ctx, id, input);
  }

  @Authorized(Role.PROVINCIAL_ADMIN)
  @Mutation(() => AssessmentCycle, {
    description:
      "延长考核周期的某一阶段（省级卫生行政部门），该阶段限定的动作可继续办理至新的结束日期 (extend a phase of the cycle)",
  })
  extendCyclePhase(
    @Arg("id", () => Int, { description: "考核周期 ID (cycle id)" }) id: number,
    @Arg("phase", {
      description: "阶段代码 (phase key: REGISTRATION, INSTITUTION_REVIEW, ASSESSMENT_REVIEW, TEST, MAKEUP)",
    })
    phase: string,
    @Arg("endDate", { description: "新的结束日期 YYYY-MM-DD，须晚于当前结束日期 (new end date)" }) endDate: string,
    @Arg("reason", { description: "延长理由 (reason)" }) reason: string,
    @Ctx() ctx: Context,
  ) {
    return extendPhase(ctx, id, phase, endDate, reason);
  }
}
