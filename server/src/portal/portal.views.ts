import { Field, InputType, Int, ObjectType, registerEnumType } from "type-graphql";
import { IsInt, IsOptional, MaxLength } from "class-validator";
import { ApplicationView } from "../assessment/application.view";
import { AssessmentCycle, CyclePhase, SimpleProcedureRule } from "../assessment/cycle.entity";
import { ReturnSection } from "../assessment/workflow";

/** What the physician should do next; the portal turns each into one button. */
export enum PortalStep {
  NO_CYCLE = "NO_CYCLE",
  NOT_ENROLLED = "NOT_ENROLLED",
  REGISTER = "REGISTER",
  RESUBMIT = "RESUBMIT",
  REGISTRATION_CLOSED = "REGISTRATION_CLOSED",
  WAIT_REVIEW = "WAIT_REVIEW",
  TAKE_TEST = "TAKE_TEST",
  WAIT_MAKEUP_DECISION = "WAIT_MAKEUP_DECISION",
  TAKE_MAKEUP = "TAKE_MAKEUP",
  CERTIFICATE = "CERTIFICATE",
  UNQUALIFIED = "UNQUALIFIED",
}
registerEnumType(PortalStep, {
  name: "PortalStep",
  description: "医师下一步要做的事（医师个人端首页的唯一操作） (the physician's next step)",
  valuesConfig: {
    NO_CYCLE: { description: "当前没有进行中的考核周期" },
    NOT_ENROLLED: { description: "所在机构尚未确认参加，无需操作" },
    REGISTER: { description: "填写并提交报名" },
    RESUBMIT: { description: "报名被驳回：修改后重新提交" },
    REGISTRATION_CLOSED: { description: "报名时间已结束或尚未开始，联系所在机构" },
    WAIT_REVIEW: { description: "已提交，等待审核" },
    TAKE_TEST: { description: "到测评系统参加测评" },
    WAIT_MAKEUP_DECISION: { description: "等待卫生行政部门确认补考" },
    TAKE_MAKEUP: { description: "到测评系统参加补考" },
    CERTIFICATE: { description: "考核合格：查看、打印合格证明" },
    UNQUALIFIED: { description: "考核不合格" },
  },
});

@ObjectType({ description: "下一步（一个操作） (the next step and its call to action)" })
export class PortalNextStep {
  @Field(() => PortalStep, { description: "下一步 (the step)" }) step: PortalStep;
  @Field({ description: "标题 (title)" }) title: string;
  @Field({ description: "说明 (what to do and why)" }) description: string;
  @Field(() => String, {
    nullable: true,
    description: "按钮文字；无须操作时为空 (button text, none when nothing to do)",
  })
  actionLabel: string | null;
}

@ObjectType({ description: "所在机构联系方式 (the institution's contact)" })
export class PortalInstitutionContact {
  @Field() name: string;
  @Field({ description: "联系人 (contact person)" }) contactPerson: string;
  @Field({ description: "联系电话 (phone)" }) contactPhone: string;
  @Field({ description: "地址 (address)" }) address: string;
}

@ObjectType({ description: "最近一次驳回 (the latest return and who made it)" })
export class PortalReturnNote {
  @Field({ description: "驳回理由 (reason)" }) reason: string;
  @Field({ description: "驳回方，如 医疗卫生机构、卫生行政部门 (who returned it)" }) byLabel: string;
  @Field() at: Date;
  @Field(() => [ReturnSection], {
    description: "驳回所涉的报名内容，报名表在相应步骤旁显示理由；空表示未指明 (sections the return names)",
  })
  sections: ReturnSection[];
  @Field(() => [String], { description: "所涉内容的名称，与 sections 同序 (their labels)" }) sectionLabels: string[];
}

@ObjectType({ description: "医师个人端首页 (the physician's 我的考核 home)" })
export class PortalHome {
  @Field(() => AssessmentCycle, { nullable: true, description: "当前考核周期 (current cycle)" })
  cycle: AssessmentCycle | null;
  @Field(() => [CyclePhase], { description: "今天开放的阶段 (phases open today)" }) openPhases: CyclePhase[];
  @Field({ description: "今天（中国标准时间） (today, YYYY-MM-DD)" }) today: string;
  @Field(() => ApplicationView, { nullable: true, description: "本周期的考核申请 (the application)" })
  application: ApplicationView | null;
  @Field(() => PortalNextStep, { description: "下一步要做的事 (the next step)" }) nextStep: PortalNextStep;
  @Field(() => PortalInstitutionContact, { nullable: true, description: "所在机构 (the institution)" })
  institution: PortalInstitutionContact | null;
  @Field(() => PortalReturnNote, { nullable: true, description: "最近一次驳回（如有） (latest return, if any)" })
  latestReturn: PortalReturnNote | null;
  @Field(() => Int, { description: "未读消息数 (unread messages)" }) unreadMessages: number;
}

@ObjectType({ description: "消息：需要医师知晓或处理的事件 (a message asking the physician to act)" })
export class PortalMessage {
  @Field(() => Int, { description: "消息 ID（即时间线事件 ID） (id: the timeline event's)" }) id: number;
  @Field(() => Int) applicationId: number;
  @Field() at: Date;
  @Field({ description: "标题 (title)" }) title: string;
  @Field({ description: "内容 (text)" }) body: string;
  @Field({ description: "是否已读 (read)" }) read: boolean;
}

@ObjectType({ description: "消息分页 (a page of messages)" })
export class PortalMessagePage {
  @Field(() => [PortalMessage], { description: "本页消息 (messages of this page)" }) items: PortalMessage[];
  @Field(() => Int, { description: "总条数 (total)" }) total: number;
  @Field(() => Int, { description: "未读数 (unread count)" }) unread: number;
  @Field(() => Int, { description: "页码 (page)" }) page: number;
  @Field(() => Int, { description: "每页条数 (page size)" }) pageSize: number;
}

@ObjectType({ description: "简易程序适用条件的判断结果 (simple-procedure eligibility of the physician)" })
export class SimpleProcedureEligibility {
  @Field({ description: "是否适用简易程序 (eligible)" }) eligible: boolean;
  @Field(() => String, { nullable: true, description: "不适用的原因 (why not)" }) reason: string | null;
  @Field(() => Int, { nullable: true, description: "执业年限 (years of practice)" }) yearsOfPractice: number | null;
  @Field(() => String, { nullable: true, description: "首次执业日期 (first practice date)" })
  firstPracticeDate: string | null;
  @Field(() => SimpleProcedureRule, { description: "本周期规则 (the cycle's rule)" }) rule: SimpleProcedureRule;
  @Field({ description: "规则说明 (the rule in words)" }) ruleText: string;
}

@InputType({ description: "医师本人维护的信息 (what the physician maintains himself)" })
export class MyProfileInput {
  @Field({ description: "手机号码 (mobile or fixed-line phone)" })
  @MaxLength(20)
  phone: string;

  @Field(() => Int, { nullable: true, description: "科室（所在机构启用的科室） (department)" })
  @IsOptional()
  @IsInt()
  departmentId?: number | null;
}

@ObjectType({ description: "提交报名尚缺的一项 (one item the submission still lacks)" })
export class MissingRequirement {
  @Field({ description: "所涉字段，如 report、attachments (the form field it concerns)" }) field: string;
  @Field({ description: "提示语，显示在该字段旁 (the sentence shown beside the field)" }) message: string;
}

@ObjectType({
  description: "按现行考核程序，本人报名须填写的项目与尚缺的项目（与提交报名的校验同一代码） (submission requirements)",
})
export class SubmissionRequirements {
  @Field(() => [String], { description: "必填字段（随所选考核程序而定） (required fields)" }) required: string[];
  @Field(() => [MissingRequirement], { description: "尚缺的项目，按表单顺序；提交时以第一项拒绝 (missing items)" })
  missing: MissingRequirement[];
  @Field({ description: "已齐全，可以提交 (complete)" }) complete: boolean;
}
