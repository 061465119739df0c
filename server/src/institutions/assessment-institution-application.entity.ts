import { Field, Int, ObjectType, registerEnumType } from "type-graphql";
import { Column, Entity, Index, PrimaryGeneratedColumn } from "typeorm";
import { DecidedRequest } from "./decided-request";

export enum AaApplicationStatus {
  PENDING = "PENDING",
  APPROVED = "APPROVED",
  REJECTED = "REJECTED",
}
registerEnumType(AaApplicationStatus, {
  name: "AssessmentInstitutionApplicationStatus",
  description: "申请考核机构的审批状态 (status of an application to become an assessment institution)",
  valuesConfig: {
    PENDING: { description: "待审批 (waiting for the health administration)" },
    APPROVED: { description: "已同意 (approved: the institution now has the assessment-institution role)" },
    REJECTED: { description: "已驳回 (rejected, with a reason)" },
  },
});

/** 申请考核机构 (manual 2.2.4): an institution asks its health administration to become an assessment institution. */
@ObjectType({ description: "申请考核机构 (application to become an assessment institution)" })
@Entity({ name: "assessment_institution_application" })
@Index(["institutionId", "status"])
export class AssessmentInstitutionApplication extends DecidedRequest {
  @Field(() => Int)
  @PrimaryGeneratedColumn()
  id: number;

  @Field(() => Int, { description: "申请机构 ID (applying institution)" })
  @Column({ type: "int" })
  institutionId: number;

  @Field(() => AaApplicationStatus)
  @Index()
  @Column({ type: "simple-enum", enum: AaApplicationStatus })
  status: AaApplicationStatus;

  @Field({ description: "申请说明：承担考核工作的条件与范围 (statement: qualifications and scope)" })
  @Column({ type: "text" })
  statement: string;

  @Field(() => Int, { description: "床位数 (beds)" })
  @Column({ type: "int" })
  bedCount: number;

  @Field(() => Int, { description: "医师人数 (physicians)" })
  @Column({ type: "int" })
  physicianCount: number;
}
