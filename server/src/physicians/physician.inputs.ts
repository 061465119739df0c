import { FilterText } from "../common/filter-text";
import { ArrayMaxSize, IsIn, IsOptional } from "class-validator";
import { Field, InputType, Int, registerEnumType } from "type-graphql";
import { ApplicationStatus } from "../assessment/workflow";
import { referenceLists } from "../catalogs/catalog";
import { LIMITS, MaxLengthOf } from "../common/rules";
import { PhysicianLevel, PractisingStatus } from "./physician.entity";

/** The two tabs of 医师列表 (manual 2.2.5). */
export enum EnrollmentTab {
  NOT_ENROLLED = "NOT_ENROLLED",
  ENROLLED = "ENROLLED",
}
registerEnumType(EnrollmentTab, {
  name: "EnrollmentTab",
  description: "医师列表页签 (roster tab)",
  valuesConfig: {
    NOT_ENROLLED: { description: "未确认参加 (not yet enrolled in the current cycle)" },
    ENROLLED: { description: "已确认参加 (enrolled in the current cycle, any later status)" },
  },
});

export enum PhysicianSortField {
  ID = "ID",
  NAME = "NAME",
  ID_NUMBER = "ID_NUMBER",
  UPDATED_AT = "UPDATED_AT",
}
registerEnumType(PhysicianSortField, { name: "PhysicianSortField", description: "医师列表排序字段 (sort field)" });

export enum SortDirection {
  ASC = "ASC",
  DESC = "DESC",
}
registerEnumType(SortDirection, { name: "SortDirection", description: "排序方向 (direction)" });

@InputType({ description: "医师列表筛选条件 (roster filter)" })
export class PhysicianFilter {
  @Field({ nullable: true, description: "姓名包含 (name contains)" })
  @FilterText("姓名")
  name?: string;

  @Field({ nullable: true, description: "身份证号码，15 位或 18 位均可 (ID number, either form)" })
  @FilterText("身份证号码", 20)
  idNumber?: string;

  @Field(() => Int, { nullable: true, description: "科室 (department)" })
  departmentId?: number;

  @Field({ nullable: true, description: "执业类别代码 (category code)" })
  @FilterText("执业类别代码", 8)
  categoryCode?: string;

  @Field(() => EnrollmentTab, { nullable: true, description: "页签：未确认参加 / 已确认参加 (tab)" })
  tab?: EnrollmentTab;

  @Field(() => [ApplicationStatus], { nullable: true, description: "当前周期申请状态 (application statuses)" })
  statuses?: ApplicationStatus[];

  @Field(() => PractisingStatus, { nullable: true, description: "执业状态 (practising status)" })
  practisingStatus?: PractisingStatus;
}

@InputType({ description: "排序 (sort)" })
export class PhysicianSort {
  @Field(() => PhysicianSortField, { defaultValue: PhysicianSortField.ID })
  field: PhysicianSortField = PhysicianSortField.ID;

  @Field(() => SortDirection, { defaultValue: SortDirection.ASC })
  direction: SortDirection = SortDirection.ASC;
}

@InputType({ description: "多机构执业地点 (other practice site)" })
export class PracticeSiteInput {
  @Field({ description: "机构名称 (institution name)" })
  @MaxLengthOf(LIMITS.practiceSiteName)
  institutionName: string;

  @Field(() => String, { nullable: true })
  startDate?: string | null;

  @Field(() => String, { nullable: true })
  endDate?: string | null;
}

/** A physician's registration record, as an institution maintains it (same rules as a roster import row). */
@InputType({ description: "医师信息 (physician record)" })
export class PhysicianInput {
  @Field({ description: "姓名 (name)" })
  name: string;

  @Field({ description: "身份证号码，15 位或 18 位 (resident ID number)" })
  idNumber: string;

  @Field({ nullable: true, description: "手机号码 (phone)" })
  phone?: string;

  @Field({ nullable: true, description: "医师资格证书编码 (qualification certificate number)" })
  qualificationCertNo?: string;

  @Field({ nullable: true, description: "医师执业证书编码 (practice certificate number)" })
  practiceCertNo?: string;

  @Field({ description: "执业类别代码 1 临床 2 口腔 3 公共卫生 4 中医 (category)" })
  categoryCode: string;

  @Field(() => [String], { description: "执业范围代码 (scopes of that category)" })
  @ArrayMaxSize(10, { message: "执业范围不能超过10个" })
  scopeCodes: string[];

  @Field(() => PhysicianLevel, { description: "医师级别 (level)" })
  level: PhysicianLevel;

  @Field({ nullable: true, description: "职称 (title)" })
  title?: string;

  @Field(() => String, { nullable: true, description: "首次执业日期 YYYY-MM-DD (first practice date)" })
  firstPracticeDate?: string | null;

  @Field(() => Int, {
    nullable: true,
    description: "科室：本机构已启用的科室 (an enabled department of the institution)",
  })
  departmentId?: number | null;

  @Field(() => [PracticeSiteInput], { nullable: true, description: "其他执业地点 (other practice sites)" })
  @ArrayMaxSize(10, { message: "其他执业地点不能超过10个" })
  otherPracticeSites?: PracticeSiteInput[];
}

const TRANSFER_REASON_HINT = referenceLists.transferOutReasons.join("、");

@InputType({ description: "调离 (transfer out)" })
export class TransferOutInput {
  @Field(() => Int)
  physicianId: number;

  @Field({ description: `调离原因：${TRANSFER_REASON_HINT} (reason, from referenceLists.transferOutReasons)` })
  @IsIn(referenceLists.transferOutReasons, { message: `调离原因须为：${TRANSFER_REASON_HINT}` })
  reason: string;

  @Field({ nullable: true, description: "补充说明 (note)" })
  @IsOptional()
  @MaxLengthOf(LIMITS.transferOutNote)
  note?: string;
}
