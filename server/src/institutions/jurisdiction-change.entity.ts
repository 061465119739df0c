import { Field, Int, ObjectType, registerEnumType } from "type-graphql";
import { Column, Entity, Index, PrimaryGeneratedColumn } from "typeorm";
import { DecidedRequest } from "./decided-request";

export enum JurisdictionChangeStatus {
  PENDING = "PENDING",
  APPROVED = "APPROVED",
  REJECTED = "REJECTED",
}
registerEnumType(JurisdictionChangeStatus, {
  name: "JurisdictionChangeStatus",
  description: "隶属关系变更申请的审批状态 (status of a jurisdiction change request)",
  valuesConfig: {
    PENDING: { description: "待审批 (waiting for the current superior administration)" },
    APPROVED: { description: "已同意，已生效 (approved and applied)" },
    REJECTED: { description: "已驳回 (rejected, with a reason)" },
  },
});

/**
 * 隶属关系变更申请: the region (county), the superior administration and the assigned assessment institution are
 * set by the administration, not by the institution. The institution asks; its superior administration at the
 * time of asking approves (the change is applied, counters moved) or refuses. "from" values are what the
 * institution had when it asked; "to" values what it will have once approved.
 */
@ObjectType({ description: "隶属关系变更申请 (request to change an institution's region, superior or assessor)" })
@Entity({ name: "jurisdiction_change_request" })
@Index(["institutionId", "status"])
@Index(["reviewerAdminId", "status"])
export class JurisdictionChangeRequest extends DecidedRequest {
  @Field(() => Int)
  @PrimaryGeneratedColumn()
  id: number;

  @Field(() => Int, { description: "申请机构 ID (requesting institution)" })
  @Column({ type: "int" })
  institutionId: number;

  @Field(() => JurisdictionChangeStatus)
  @Column({ type: "simple-enum", enum: JurisdictionChangeStatus })
  status: JurisdictionChangeStatus;

  @Field(() => Int, { description: "负责审批的卫生行政部门 ID：申请时的上级卫生行政部门 (deciding administration)" })
  @Column({ type: "int" })
  reviewerAdminId: number;

  @Field({ description: "原所在县（区）代码 (county before)" })
  @Column({ type: "varchar", length: 6 })
  fromCountyCode: string;

  @Field(() => Int, { nullable: true, description: "原上级卫生行政部门 ID (superior before)" })
  @Column({ type: "int", nullable: true })
  fromSuperiorAdminId: number | null;

  @Field(() => Int, { nullable: true, description: "原考核机构 ID (assessment institution before)" })
  @Column({ type: "int", nullable: true })
  fromAssessmentInstitutionId: number | null;

  @Field({ description: "申请变更为的县（区）代码 (county asked for)" })
  @Column({ type: "varchar", length: 6 })
  toCountyCode: string;

  @Field({ description: "申请变更为的市代码（由县推出） (city of that county)" })
  @Column({ type: "varchar", length: 6 })
  toCityCode: string;

  @Field(() => Int, { nullable: true, description: "变更后的上级卫生行政部门 ID (superior after)" })
  @Column({ type: "int", nullable: true })
  toSuperiorAdminId: number | null;

  @Field(() => Int, { nullable: true, description: "变更后的考核机构 ID (assessment institution after)" })
  @Column({ type: "int", nullable: true })
  toAssessmentInstitutionId: number | null;

  @Field({ description: "申请理由 (why the institution asks)" })
  @Column({ type: "varchar", length: 500 })
  reason: string;
}
