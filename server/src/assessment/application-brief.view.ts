import { viewOf } from "../common/view-instance";
import { Field, Int, ObjectType } from "type-graphql";
import { Procedure, TestKind } from "./procedure";
import { ApplicationStatus, ExemptionStatus, EXEMPTION_INFO, STATUS_INFO } from "./workflow";
import type { Application } from "./application.entity";

/** The few facts of an application that lists show beside a physician. */
@ObjectType({ description: "考核申请概要 (an application's status at a glance)" })
export class ApplicationBrief {
  @Field(() => Int)
  id: number;

  @Field(() => Int, { description: "考核周期 ID (cycle)" })
  cycleId: number;

  @Field(() => Int, { description: "医师 ID (physician)" })
  physicianId: number;

  @Field(() => Int, { nullable: true, description: "负责机构 ID (institution)" })
  institutionId: number | null;

  @Field(() => ApplicationStatus, { description: "状态 (status)" })
  status: ApplicationStatus;

  @Field({ description: "状态名称，如 待医疗卫生机构审核 (status label)" })
  statusLabel: string;

  @Field(() => Procedure, { nullable: true, description: "考核程序 (procedure, once chosen)" })
  procedure: Procedure | null;

  @Field(() => ExemptionStatus, { description: "免考状态 (exemption status)" })
  exemptionStatus: ExemptionStatus;

  @Field({ description: "免考状态名称 (exemption status label)" })
  exemptionStatusLabel: string;

  @Field(() => TestKind, { nullable: true, description: "免考的测评 (test the exemption is for)" })
  exemptedTest: TestKind | null;

  @Field(() => Date, { nullable: true, description: "医师提交报名信息的时间 (when the physician submitted)" })
  submittedAt: Date | null;

  @Field({ description: "最近操作 (last action)" })
  lastAction: string;

  @Field(() => Date, { description: "最近操作时间 (when)" })
  lastActionAt: Date;

  @Field(() => Int, {
    description:
      "版本号：提交审核操作时回传，用于并发控制 (version, sent back with actions for optimistic concurrency)",
  })
  version: number;
}

export const briefOf = (a: Application): ApplicationBrief =>
  viewOf(ApplicationBrief, {
    id: a.id,
    cycleId: a.cycleId,
    physicianId: a.physicianId,
    institutionId: a.institutionId,
    status: a.status,
    statusLabel: STATUS_INFO[a.status].label,
    procedure: a.procedure,
    exemptionStatus: a.exemptionStatus,
    exemptionStatusLabel: EXEMPTION_INFO[a.exemptionStatus].label,
    exemptedTest: a.exemptedTest,
    submittedAt: a.submittedAt,
    lastAction: a.lastAction,
    lastActionAt: a.lastActionAt,
    version: a.version,
  });
