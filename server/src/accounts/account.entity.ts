import { Field, Int, ObjectType, registerEnumType } from "type-graphql";
import { Column, Entity, Index, PrimaryGeneratedColumn } from "typeorm";
import { DateTimeColumn } from "../db/columns";

export enum AccountKind {
  INSTITUTION = "INSTITUTION",
  ASSESSMENT_INSTITUTION = "ASSESSMENT_INSTITUTION",
  PHYSICIAN = "PHYSICIAN",
  HEALTH_ADMIN = "HEALTH_ADMIN",
}
registerEnumType(AccountKind, {
  name: "AccountKind",
  description: "账户类型 (kind of sign-in account)",
  valuesConfig: {
    INSTITUTION: { description: "医疗卫生机构 (medical institution staff)" },
    ASSESSMENT_INSTITUTION: { description: "考核机构 (assessment institution office)" },
    PHYSICIAN: { description: "医师 (physician; signs in with the resident ID number)" },
    HEALTH_ADMIN: { description: "卫生行政部门 (health administration: county, city or province)" },
  },
});

/** A person's sign-in. Exactly one of institutionId / physicianId / adminId is set, by kind. */
@ObjectType({ description: "登录账户 (sign-in account)" })
@Entity({ name: "account" })
export class Account {
  @Field(() => Int)
  @PrimaryGeneratedColumn()
  id: number;

  @Field({ description: "登录名 (user name; physicians use the 18-digit resident ID number)" })
  @Index({ unique: true })
  @Column({ type: "varchar", length: 64 })
  username: string;

  @Column({ type: "varchar", length: 255 })
  passwordHash: string;

  @Field(() => AccountKind, { description: "账户类型 (kind)" })
  @Column({ type: "simple-enum", enum: AccountKind })
  kind: AccountKind;

  @Field({ description: "显示名称 (display name: institution, physician or administration name)" })
  @Column({ type: "varchar", length: 128 })
  displayName: string;

  @Field(() => Int, { nullable: true })
  @Index()
  @Column({ type: "int", nullable: true })
  institutionId: number | null;

  @Field(() => Int, { nullable: true })
  @Index({ unique: true })
  @Column({ type: "int", nullable: true })
  physicianId: number | null;

  @Field(() => Int, { nullable: true })
  @Index()
  @Column({ type: "int", nullable: true })
  adminId: number | null;

  @Field({ description: "是否必须先修改密码 (must change the initial or reset password before anything else)" })
  @Column({ type: "boolean", default: true })
  mustChangePassword: boolean;

  @Field({ description: "是否启用 (enabled)" })
  @Column({ type: "boolean", default: true })
  enabled: boolean;

  @DateTimeColumn({ nullable: true })
  passwordChangedAt: Date | null;

  /** Set by an administration's reset: past it, the reset password 666666 no longer signs in. */
  @DateTimeColumn({ nullable: true })
  resetExpiresAt: Date | null;

  @Field(() => Date, { nullable: true, description: "上次登录时间 (last sign-in)" })
  @DateTimeColumn({ nullable: true })
  lastLoginAt: Date | null;

  @DateTimeColumn()
  createdAt: Date;
}
