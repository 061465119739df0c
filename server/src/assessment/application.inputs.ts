import { ArrayMaxSize, IsBoolean, IsIn, IsInt, IsOptional, Max, MaxLength, Min } from "class-validator";
import { ArgsType, Field, Float, InputType, Int, registerEnumType } from "type-graphql";
import { referenceLists } from "../catalogs/catalog";
import { Rating } from "./application.types";
import { Procedure, TestKind } from "./procedure";

/** The version the caller saw, sent back with every action on an application (described by schema-glossary). */
@ArgsType()
export class VersionArgs {
  @Field(() => Int, { nullable: true })
  expectedVersion?: number | null;
}

export enum AttachmentPurpose {
  MATERIAL = "MATERIAL",
  REPORT = "REPORT",
  EVIDENCE = "EVIDENCE",
}
registerEnumType(AttachmentPurpose, {
  name: "AttachmentPurpose",
  description: "申请附件用途 (purpose of an application attachment)",
  valuesConfig: {
    MATERIAL: { description: "申请材料（简易程序必传） (application materials)" },
    REPORT: { description: "述职报告附件 (work report file)" },
    EVIDENCE: { description: "免考证明材料 (exemption evidence)" },
  },
});

@InputType({ description: "工作数量 (a work-quantity figure)" })
export class WorkQuantityInput {
  @Field({ description: "项目代码，取自考核周期的工作数量标准 (code from the cycle's standards)" })
  @MaxLength(32)
  code: string;

  @Field(() => Float)
  @Min(0, { message: "工作数量不能为负数" })
  @Max(10_000_000, { message: "工作数量过大" })
  value: number;
}

@InputType({ description: "医师报名信息（草稿或提交） (the physician's application form)" })
export class ApplicationFormInput {
  @Field(() => Procedure, { nullable: true, description: "考核程序 (procedure)" })
  procedure?: Procedure | null;

  @Field(() => Int, { nullable: true, description: "科室：本机构已启用的科室 (department)" })
  @IsOptional()
  @IsInt()
  departmentId?: number | null;

  @Field({ defaultValue: "", description: "执业经历 (practice experience)" })
  @MaxLength(5000, { message: "执业经历不能超过5000字" })
  practiceExperience: string = "";

  @Field({ defaultValue: "", description: "工作成绩自评 (work performance self-assessment)" })
  @MaxLength(5000, { message: "工作成绩自评不能超过5000字" })
  workPerformance: string = "";

  @Field({ defaultValue: "", description: "职业道德自评 (ethics self-assessment)" })
  @MaxLength(5000, { message: "职业道德自评不能超过5000字" })
  ethics: string = "";

  @Field({
    defaultValue: "",
    description: "个人述职报告（简易程序必填） (work report; required for the simple procedure)",
  })
  @MaxLength(20000, { message: "述职报告不能超过20000字" })
  report: string = "";

  @Field({ defaultValue: false, description: "本周期有良好行为记录 (good record)" })
  @IsBoolean()
  hasGoodRecord: boolean = false;

  @Field({ defaultValue: false, description: "本周期有不良行为记录 (bad record)" })
  @IsBoolean()
  hasBadRecord: boolean = false;

  @Field(() => [WorkQuantityInput], {
    defaultValue: [],
    description: "工作数量（一般程序必填） (work quantities; general procedure)",
  })
  @ArrayMaxSize(20)
  workQuantities: WorkQuantityInput[];
}

@InputType({ description: "单项评定 (rating of one item)" })
export class ItemRatingInput {
  @Field({ description: "WORK_PERFORMANCE、ETHICS 或 WORK_QUANTITY:<code>" })
  @MaxLength(48)
  item: string;

  @Field(() => Rating)
  rating: Rating;
}

@InputType({ description: "机构审核通过 (institution approval with ratings)" })
export class InstitutionApprovalInput {
  @Field(() => [ItemRatingInput], { description: "评定：工作成绩、职业道德必评；一般程序另评各工作数量 (ratings)" })
  @ArrayMaxSize(30)
  ratings: ItemRatingInput[];

  @Field({ defaultValue: "", description: "评定意见 (opinion)" })
  @MaxLength(2000, { message: "评定意见不能超过2000字" })
  opinion: string = "";
}

@InputType({ description: "免考申请 (exemption request)" })
export class ExemptionRequestInput {
  @Field({ description: `免考理由：${referenceLists.exemptionReasons.join("、")} (reason)` })
  @IsIn(referenceLists.exemptionReasons, { message: "请选择免考理由" })
  reason: string;

  @Field({ defaultValue: "", description: "说明 (note)" })
  @MaxLength(500, { message: "说明不能超过500字" })
  note: string = "";
}

@InputType({ description: "录入测评结果 (record a test result)" })
export class TestResultInput {
  @Field(() => Int)
  applicationId: number;

  @Field(() => TestKind)
  testKind: TestKind;

  @Field(() => Float, { nullable: true, description: "分数 (score)" })
  @IsOptional()
  @Min(0, { message: "分数不能为负数" })
  @Max(1000, { message: "分数过大" })
  score?: number | null;

  @Field({ description: "是否合格 (passed)" })
  passed: boolean;

  @Field(() => Int, { nullable: true })
  expectedVersion?: number | null;
}
