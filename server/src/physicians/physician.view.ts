import { Field, Int, ObjectType } from "type-graphql";
import { ApplicationBrief } from "../assessment/application-brief.view";
import { categoryByCode } from "../catalogs/catalog";
import { maskIdNumber, maskPhone } from "../common/id-number";
import { viewOf } from "../common/view-instance";
import { Gender, PhysicianLevel, PractisingStatus, type Physician } from "./physician.entity";

@ObjectType({ description: "多机构执业地点 (another practice site)" })
export class PracticeSiteView {
  @Field({ description: "机构名称 (institution name)" })
  institutionName: string;

  @Field(() => String, { nullable: true, description: "开始日期 (start)" })
  startDate: string | null;

  @Field(() => String, { nullable: true, description: "结束日期 (end)" })
  endDate: string | null;
}

@ObjectType({ description: "代码与名称 (code and name)" })
export class CodeLabel {
  @Field()
  code: string;

  @Field()
  name: string;
}

/** Fields common to list rows and the detail view (plain fields: simpleResolvers, see ApplicationView). */
@ObjectType({ simpleResolvers: true })
abstract class PhysicianBase {
  @Field(() => Int)
  id: number;

  @Field({ description: "姓名 (name)" })
  name: string;

  @Field(() => Gender, { description: "性别 (gender)" })
  gender: Gender;

  @Field({ description: "身份证号码（脱敏），如 4501**********1234 (masked ID number)" })
  idNumberMasked: string;

  @Field({ description: "手机号码（脱敏） (masked phone)" })
  phoneMasked: string;

  @Field({ description: "执业类别代码 (practice category code)" })
  categoryCode: string;

  @Field({ description: "执业类别 (practice category)" })
  categoryName: string;

  @Field(() => PhysicianLevel, { description: "医师级别 (level)" })
  level: PhysicianLevel;

  @Field({ description: "职称 (title)" })
  title: string;

  @Field(() => Int, { nullable: true, description: "科室 ID (department)" })
  departmentId: number | null;

  @Field(() => Int, { nullable: true, description: "执业机构 ID (main institution; null when transferred out)" })
  institutionId: number | null;

  @Field(() => PractisingStatus, { description: "执业状态 (practising status)" })
  practisingStatus: PractisingStatus;

  @Field(() => ApplicationBrief, {
    nullable: true,
    description: "当前考核周期的申请 (application of the current cycle)",
  })
  currentApplication: ApplicationBrief | null;

  @Field(() => Date, { description: "最后更新 (last updated)" })
  updatedAt: Date;
}

@ObjectType({ description: "医师列表行：身份证号与手机号已脱敏 (a roster row; ID number and phone are masked)" })
export class PhysicianSummary extends PhysicianBase {}

/** The one mapping of a physician to a roster row: identifiers masked, category named. */
export function physicianSummaryOf(
  physician: Physician,
  currentApplication: ApplicationBrief | null = null,
): PhysicianSummary {
  // An instance of its class: type-graphql hands field resolvers their parent as one, and copies a plain object.
  return viewOf(PhysicianSummary, {
    id: physician.id,
    name: physician.name,
    gender: physician.gender,
    idNumberMasked: maskIdNumber(physician.idNumber),
    phoneMasked: maskPhone(physician.phone),
    categoryCode: physician.categoryCode,
    categoryName: categoryByCode(physician.categoryCode)?.name ?? physician.categoryCode,
    level: physician.level,
    title: physician.title,
    departmentId: physician.departmentId,
    institutionId: physician.institutionId,
    practisingStatus: physician.practisingStatus,
    currentApplication,
    updatedAt: physician.updatedAt,
  });
}

@ObjectType({ description: "医师详情：仅有权查看者可见完整身份证号与手机号 (physician detail with full identifiers)" })
export class PhysicianDetail extends PhysicianBase {
  @Field({ description: "身份证号码，18 位 (full resident ID number, 18 characters)" })
  idNumber: string;

  @Field(() => String, {
    nullable: true,
    description: "原 15 位身份证号码 (legacy 15-digit number, when the record was created with it)",
  })
  legacyIdNumber: string | null;

  @Field({ description: "出生日期 (birth date)" })
  birthDate: string;

  @Field({ description: "手机号码 (phone)" })
  phone: string;

  @Field({ description: "医师资格证书编码 (qualification certificate number)" })
  qualificationCertNo: string;

  @Field({ description: "医师执业证书编码 (practice certificate number)" })
  practiceCertNo: string;

  @Field(() => [CodeLabel], { description: "执业范围 (practice scopes)" })
  scopes: CodeLabel[];

  @Field(() => String, { nullable: true, description: "首次执业日期 (first practice date)" })
  firstPracticeDate: string | null;

  @Field(() => [PracticeSiteView], { description: "其他执业地点（多机构执业） (other practice sites)" })
  otherPracticeSites: PracticeSiteView[];

  @Field(() => Int, { nullable: true, description: "监考比对照片附件 ID (reference photo attachment)" })
  photoAttachmentId: number | null;
}

@ObjectType({ description: "调入查询结果 (transfer-in look-up result)" })
export class TransferCandidate {
  @Field(() => Int, {
    nullable: true,
    description: "医师 ID；仅可调入时返回 (physician id, only when he can be taken in)",
  })
  id: number | null;

  @Field({ description: "是否可调入 (whether he can be taken in)" })
  canTransferIn: boolean;

  @Field({ description: "说明 (explanation)" })
  message: string;

  @Field(() => String, { nullable: true, description: "姓名；仅可调入时返回 (name)" })
  name: string | null;

  @Field(() => Gender, { nullable: true })
  gender: Gender | null;

  @Field(() => String, { nullable: true, description: "出生日期 (birth date)" })
  birthDate: string | null;

  @Field(() => String, { nullable: true, description: "执业类别 (category)" })
  categoryName: string | null;

  @Field({ description: "身份证号码（脱敏） (masked ID number)" })
  idNumberMasked: string;
}

@ObjectType({ description: "调入/调离记录 (transfer history entry)" })
export class TransferView {
  @Field({ description: "IN 调入 / OUT 调离" })
  direction: string;

  @Field(() => String, { nullable: true, description: "机构名称 (institution)" })
  institutionName: string | null;

  @Field({ description: "原因 (reason)" })
  reason: string;

  @Field(() => Date)
  at: Date;
}

@ObjectType({ description: "批量操作中单个医师的结果 (one physician's outcome in a batch)" })
export class BatchOutcome {
  @Field(() => Int)
  physicianId: number;

  @Field({ description: "是否成功 (succeeded)" })
  ok: boolean;

  @Field(() => String, { nullable: true, description: "失败时的错误码 (error code when refused)" })
  code: string | null;

  @Field(() => String, { nullable: true, description: "失败原因 (why refused)" })
  message: string | null;
}

@ObjectType({ description: "批量参加结果 (result of a batch enrolment)" })
export class BatchEnrollResult {
  @Field(() => Int, { description: "成功人数 (enrolled)" })
  succeeded: number;

  @Field(() => Int, { description: "失败人数 (refused)" })
  failed: number;

  @Field(() => [BatchOutcome], {
    description: "每位医师的结果，按提交顺序 (each physician's outcome, in request order)",
  })
  outcomes: BatchOutcome[];
}

@ObjectType({ description: "医师列表页签人数 (tab counts of the roster)" })
export class RosterCounts {
  @Field(() => Int, { description: "未确认参加 (not enrolled)" })
  notEnrolled: number;

  @Field(() => Int, { description: "已确认参加 (enrolled)" })
  enrolled: number;
}
