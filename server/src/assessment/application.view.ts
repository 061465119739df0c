import { Field, Float, Int, ObjectType } from "type-graphql";
import { Rating } from "./application.types";
import { Procedure, TestKind } from "./procedure";
import { ApplicationStatus, ExemptionAction, ExemptionStatus, ReturnSection, WorkflowAction } from "./workflow";
import { AttemptStatus, CheatingVerdict } from "../exams/test-attempt.entity";

@ObjectType({ description: "提交时的医师信息快照 (physician facts as of submission)" })
export class PhysicianSnapshotView {
  @Field() name: string;
  @Field() gender: string;
  @Field() birthDate: string;
  @Field({ description: "身份证号码：列表中脱敏，详情中完整 (masked in lists, whole in the detail view)" })
  idNumber: string;
  @Field({ description: "手机号码：列表中脱敏 (masked in lists)" }) phone: string;
  @Field() level: string;
  @Field() title: string;
  @Field() qualificationCertNo: string;
  @Field() practiceCertNo: string;
  @Field() categoryName: string;
  @Field(() => [String]) scopeNames: string[];
  @Field(() => String, { nullable: true }) firstPracticeDate: string | null;
  @Field() institutionName: string;
  @Field() departmentName: string;
  @Field(() => [String], { description: "其他执业机构 (other practice sites)" }) otherPracticeSites: string[];
}

@ObjectType({ description: "工作数量（一般程序） (a work-quantity figure with its standard)" })
export class WorkQuantityView {
  @Field() code: string;
  @Field({ description: "项目，如 接诊病人数" }) name: string;
  @Field(() => Float) value: number;
  @Field(() => Float, { nullable: true, description: "标准数量 (standard)" }) threshold: number | null;
  @Field({ description: "单位 (unit)" }) unit: string;
  @Field({ description: "适用科室，如 外科科室 (which departments the standard applies to)" }) appliesTo: string;
  @Field({ description: "评定项目代码，审核时按此评定 (item to rate: WORK_QUANTITY:<code>)" }) ratingItem: string;
}

@ObjectType({ description: "医师填写的报名信息 (what the physician filled in)" })
export class SubmissionView {
  @Field(() => Procedure, { nullable: true }) procedure: Procedure | null;
  @Field(() => Int, { nullable: true }) departmentId: number | null;
  @Field({ description: "执业经历 (practice experience)" }) practiceExperience: string;
  @Field({ description: "工作成绩自评 (work performance self-assessment)" }) workPerformance: string;
  @Field({ description: "职业道德自评 (ethics self-assessment)" }) ethics: string;
  @Field({ description: "个人述职报告 (work report; simple procedure)" }) report: string;
  @Field({ description: "本周期有良好行为记录 (good behaviour record in the cycle)" }) hasGoodRecord: boolean;
  @Field({ description: "本周期有不良行为记录 (bad behaviour record in the cycle)" }) hasBadRecord: boolean;
  @Field(() => [WorkQuantityView]) workQuantities: WorkQuantityView[];
  @Field(() => PhysicianSnapshotView, {
    nullable: true,
    description: "提交时的医师基本信息与执业信息 (snapshot at submission)",
  })
  snapshot: PhysicianSnapshotView | null;
}

@ObjectType({ description: "单项评定 (one rated item)" })
export class ItemRatingView {
  @Field({ description: "WORK_PERFORMANCE 工作成绩, ETHICS 职业道德, WORK_QUANTITY:<code> 工作数量" }) item: string;
  @Field({ description: "项目名称 (item name)" }) itemName: string;
  @Field(() => Rating) rating: Rating;
  @Field(() => Float, { nullable: true, description: "申报数量（工作数量项目） (declared figure)" })
  declaredValue?: number | null;
  @Field(() => Float, { nullable: true, description: "标准数量（工作数量项目） (the standard)" })
  threshold?: number | null;
  @Field({
    defaultValue: false,
    description:
      "评定与申报数量对照标准相矛盾（达标却不合格，或未达标却合格），审核人已确认 (rating contradicts the figures)",
  })
  contradictsStandard: boolean;
}

@ObjectType({ description: "医疗卫生机构审核意见 (the institution's review)" })
export class InstitutionReviewView {
  @Field(() => [ItemRatingView]) ratings: ItemRatingView[];
  @Field(() => Rating, { description: "综合结论：任一项不合格即不合格 (outcome: any 不合格 makes it 不合格)" })
  outcome: Rating;
  @Field() opinion: string;
  @Field() reviewerName: string;
  @Field() at: string;
}

@ObjectType({ description: "考核机构复核意见 (the assessment institution's re-review)" })
export class AssessmentReviewView {
  @Field() approved: boolean;
  @Field() opinion: string;
  @Field() reviewerName: string;
  @Field() at: string;
}

@ObjectType({ description: "其他执业机构意见 (another practice site's opinion)" })
export class OtherOpinionView {
  @Field(() => Int) id: number;
  @Field() institutionName: string;
  @Field() opinion: string;
  @Field(() => Date) at: Date;
}

@ObjectType({ description: "测评记录 (a test attempt or recorded result)" })
export class TestAttemptView {
  @Field(() => Int) id: number;
  @Field(() => Int) applicationId: number;
  @Field(() => TestKind) testKind: TestKind;
  @Field({ description: "测评名称 (test name)" }) testKindLabel: string;
  @Field(() => Int, { nullable: true }) paperId: number | null;
  @Field({ description: "是否补考 (make-up attempt)" }) isMakeup: boolean;
  @Field(() => AttemptStatus) status: AttemptStatus;
  @Field() statusLabel: string;
  @Field(() => Date, { nullable: true }) startedAt: Date | null;
  @Field(() => Date, { nullable: true }) submittedAt: Date | null;
  @Field(() => Float, { nullable: true }) score: number | null;
  @Field(() => Boolean, { nullable: true }) passed: boolean | null;
  @Field({ description: "已标记疑似作弊 (marked as suspected cheating)" }) suspected: boolean;
  @Field(() => CheatingVerdict) verdict: CheatingVerdict;
  @Field({ description: "已作废（认定作弊） (void: cheating confirmed)" }) voided: boolean;
  @Field(() => Int) version: number;
}

@ObjectType({ description: "时间线中的一条记录 (one timeline event)" })
export class TimelineEventView {
  @Field(() => Int) id: number;
  @Field(() => Date) at: Date;
  @Field({ description: "操作者 (actor)" }) actorName: string;
  @Field({ description: "操作角色 (role acted in)" }) actorRole: string;
  @Field({ description: "动作代码 (action code)" }) action: string;
  @Field({ description: "动作名称 (action label)" }) actionLabel: string;
  @Field(() => ApplicationStatus, { nullable: true }) fromStatus: ApplicationStatus | null;
  @Field(() => ApplicationStatus, { nullable: true }) toStatus: ApplicationStatus | null;
  @Field(() => String, { nullable: true, description: "状态变化后的名称 (label of the new status)" }) toStatusLabel:
    string | null;
  @Field(() => String, { nullable: true, description: "理由 (reason)" }) reason: string | null;
  @Field(() => [ReturnSection], { description: "驳回所涉的报名内容（驳回至医师时） (sections a return names)" })
  sections: ReturnSection[];
  @Field(() => [String], { description: "驳回所涉内容的名称，与 sections 同序 (their labels)" })
  sectionLabels: string[];
}

/**
 * The application as the API shows it; relations resolve lazily through per-request loaders.
 * simpleResolvers: its plain fields have no middleware or field-level authorization, so they skip
 * type-graphql's per-field wrapper (lists show 20–100 of these per request).
 */
@ObjectType({ description: "考核申请 (a physician's application in a cycle)", simpleResolvers: true })
export class ApplicationView {
  @Field(() => Int) id: number;
  @Field(() => Int) cycleId: number;
  @Field(() => Int) physicianId: number;
  @Field(() => Int, { nullable: true }) institutionId: number | null;
  @Field(() => Int, { nullable: true }) departmentId: number | null;
  @Field(() => ApplicationStatus) status: ApplicationStatus;
  @Field() statusLabel: string;
  @Field(() => Procedure, { nullable: true }) procedure: Procedure | null;
  @Field(() => String, { nullable: true, description: "考核程序名称 (procedure label)" }) procedureLabel: string | null;
  @Field(() => ExemptionStatus) exemptionStatus: ExemptionStatus;
  @Field() exemptionStatusLabel: string;
  @Field(() => TestKind, { nullable: true, description: "申请免考的测评 (test the exemption is for)" })
  exemptedTest: TestKind | null;
  @Field(() => String, { nullable: true, description: "免考理由 (exemption reason)" }) exemptionReason: string | null;
  @Field(() => String, { nullable: true, description: "免考说明 (exemption note)" }) exemptionNote: string | null;
  @Field(() => Date, { nullable: true, description: "申请免考时间 (when the exemption was requested)" })
  exemptionRequestedAt: Date | null;
  @Field(() => Date, { nullable: true }) submittedAt: Date | null;
  @Field(() => String, { nullable: true, description: "最近的驳回理由 (latest return reason)" }) returnReason:
    string | null;
  @Field() lastAction: string;
  @Field(() => Date) lastActionAt: Date;
  @Field(() => Date) updatedAt: Date;
  @Field(() => Int, { description: "版本号，操作时回传 (version, send it back with actions)" }) version: number;
  /** Detail views reveal identifiers; list rows do not (not exposed). */
  revealIdentifiers: boolean;
  /** The JSON columns when loaded with the row; list rows leave them out and load them only if asked (not exposed). */
  heavy?: HeavyParts;
}

/** The application's large JSON columns. */
export interface HeavyParts {
  submission: unknown;
  draft: unknown;
  institutionReview: unknown;
  assessmentReview: unknown;
}

@ObjectType({ description: "流程中的状态 (a workflow status with its label)" })
export class WorkflowStatusView {
  @Field(() => ApplicationStatus) value: ApplicationStatus;
  @Field() label: string;
  @Field() meaning: string;
  @Field() final: boolean;
}

@ObjectType({ description: "流程中的动作：谁、从哪些状态、到哪些状态 (a workflow action: who, from, to)" })
export class WorkflowActionView {
  @Field(() => WorkflowAction) action: WorkflowAction;
  @Field({ description: "按钮文字 (button label)" }) label: string;
  @Field({ description: "记录中的名称 (label once done)" }) eventLabel: string;
  @Field({
    description: "操作方 (party: OWN_INSTITUTION, PHYSICIAN_SELF, ASSESSOR, ADMINISTRATION, PROVINCE, TEST_SYSTEM)",
  })
  party: string;
  @Field(() => [String], { description: "可执行的角色 (roles)" }) roles: string[];
  @Field(() => [ApplicationStatus]) from: ApplicationStatus[];
  @Field(() => [ApplicationStatus]) to: ApplicationStatus[];
  @Field() requiresReason: boolean;
  @Field({ description: "不在可执行状态时的提示 (message when refused for the status)" }) refusal: string;
  @Field(() => [StatusMessageView], {
    description: "某些状态下更具体的提示：从该状态实际可以怎么办 (a precise refusal per status)",
  })
  refusals: StatusMessageView[];
  @Field(() => [PhaseGateView], {
    description: "限定该动作的考核阶段（按起始状态；任一阶段在进行中即可） (the cycle phases that gate the action)",
  })
  phases: PhaseGateView[];
}

@ObjectType({ description: "某状态下的提示 (a message for a status)" })
export class StatusMessageView {
  @Field(() => ApplicationStatus) status: ApplicationStatus;
  @Field({ description: "提示 (message)" }) message: string;
}

@ObjectType({ description: "从某状态执行动作须在其一进行中的阶段 (phases gating an action from a status)" })
export class PhaseGateView {
  @Field(() => ApplicationStatus) from: ApplicationStatus;
  @Field(() => [String], { description: "阶段代码 (phase keys: REGISTRATION, INSTITUTION_REVIEW …)" }) phases: string[];
}

@ObjectType({ description: "免考流程的状态 (exemption status with label)" })
export class ExemptionStatusView {
  @Field(() => ExemptionStatus) value: ExemptionStatus;
  @Field() label: string;
  @Field() meaning: string;
}

@ObjectType({ description: "免考流程的动作 (exemption action)" })
export class ExemptionActionView {
  @Field(() => ExemptionAction) action: ExemptionAction;
  @Field() label: string;
  @Field() party: string;
  @Field(() => [String]) roles: string[];
  @Field(() => [ExemptionStatus]) from: ExemptionStatus[];
  @Field(() => ExemptionStatus) to: ExemptionStatus;
  @Field() requiresReason: boolean;
}

@ObjectType({ description: "考核流程定义：状态、标签与动作，界面据此显示标签与按钮 (the workflow table)" })
export class WorkflowView {
  @Field(() => [WorkflowStatusView]) statuses: WorkflowStatusView[];
  @Field(() => [WorkflowActionView]) actions: WorkflowActionView[];
  @Field(() => [ExemptionStatusView]) exemptionStatuses: ExemptionStatusView[];
  @Field(() => [ExemptionActionView]) exemptionActions: ExemptionActionView[];
  @Field(() => [ReturnSectionView], {
    description: "驳回时可指明的报名内容，按报名表顺序 (sections a return may name)",
  })
  returnSections: ReturnSectionView[];
}

@ObjectType({ description: "驳回可指明的一项报名内容 (a section of the application with its label)" })
export class ReturnSectionView {
  @Field(() => ReturnSection) value: ReturnSection;
  @Field() label: string;
}
