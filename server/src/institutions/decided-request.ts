import { ArgsType, Field, Int, ObjectType } from "type-graphql";
import { Column, VersionColumn } from "typeorm";
import { DateTimeColumn } from "../db/columns";

/** What every request an administration decides records: when and by whom it was sent and decided, and why. */
@ObjectType()
export abstract class DecidedRequest {
  @Field(() => Date, { description: "提交时间 (submitted at)" })
  @DateTimeColumn()
  submittedAt: Date;

  @Column({ type: "int" })
  submittedByAccountId: number;

  @Field(() => Date, { nullable: true, description: "审批时间 (decided at)" })
  @DateTimeColumn({ nullable: true })
  decidedAt: Date | null;

  @Column({ type: "int", nullable: true })
  decidedByAccountId: number | null;

  @Field(() => String, { nullable: true, description: "审批意见/驳回理由 (decision note or rejection reason)" })
  @Column({ type: "varchar", length: 500, nullable: true })
  decisionReason: string | null;

  @VersionColumn({ default: 1 })
  version: number;
}

/** The arguments of an administration's decision on a request. */
@ArgsType()
export class DecisionArgs {
  @Field(() => Int, { description: "申请 ID (application id)" })
  id: number;

  @Field({ description: "true 同意，false 驳回 (true to approve)" })
  approve: boolean;

  @Field(() => String, { nullable: true, description: "审批意见；驳回时必填 (note; required to reject)" })
  reason: string | null;
}
