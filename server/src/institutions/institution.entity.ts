import { Field, Int, ObjectType } from "type-graphql";
import { Column, Entity, Index, PrimaryGeneratedColumn, VersionColumn } from "typeorm";
import { DateTimeColumn } from "../db/columns";

/** 医疗卫生机构. Region codes are stored at all three levels so region filters are index equality. */
@ObjectType({ description: "医疗卫生机构 (medical institution) 的登记信息" })
@Entity({ name: "institution" })
@Index(["provinceCode", "cityCode", "countyCode"])
export class Institution {
  @Field(() => Int)
  @PrimaryGeneratedColumn()
  id: number;

  @Field({ description: "机构名称 (name)" })
  @Column({ type: "varchar", length: 128 })
  name: string;

  @Field({ description: "统一社会信用代码 (unified social credit code, GB 32100)" })
  @Index({ unique: true })
  @Column({ type: "varchar", length: 18 })
  creditCode: string;

  @Field({ description: "医疗机构执业许可证登记号 (practice licence registration number)" })
  @Column({ type: "varchar", length: 64, default: "" })
  licenseNo: string;

  @Field({ description: "机构类别 (institution type, see catalog institutionTypes)" })
  @Column({ type: "varchar", length: 32, default: "" })
  type: string;

  @Field({ description: "机构级别/等次代码 (level and grade code, see catalog institutionLevels)" })
  @Column({ type: "varchar", length: 4, default: "" })
  levelCode: string;

  @Field({ description: "经营性质代码 (ownership/nature code: 1 非营利性, 2 营利性, 9 其他)" })
  @Column({ type: "varchar", length: 2, default: "" })
  natureCode: string;

  @Field({ description: "所在省级区划代码 (province code)" })
  @Column({ type: "varchar", length: 6 })
  provinceCode: string;

  @Field({ description: "所在市级区划代码 (city code)" })
  @Column({ type: "varchar", length: 6 })
  cityCode: string;

  @Field({ description: "所在县级区划代码 (county code)" })
  @Index()
  @Column({ type: "varchar", length: 6 })
  countyCode: string;

  @Field({ description: "详细地址 (address)" })
  @Column({ type: "varchar", length: 255, default: "" })
  address: string;

  @Field({ description: "法定代表人/主要负责人 (legal representative)" })
  @Column({ type: "varchar", length: 64, default: "" })
  legalRepresentative: string;

  @Field({ description: "联系人 (contact person)" })
  @Column({ type: "varchar", length: 64, default: "" })
  contactPerson: string;

  @Field({ description: "联系电话 (contact phone)" })
  @Column({ type: "varchar", length: 32, default: "" })
  contactPhone: string;

  @Field(() => Int, { nullable: true, description: "床位数 (beds)" })
  @Column({ type: "int", nullable: true })
  bedCount: number | null;

  @Field(() => Int, { nullable: true, description: "上级卫生行政部门 ID (superior health administration)" })
  @Index()
  @Column({ type: "int", nullable: true })
  superiorAdminId: number | null;

  @Field(() => Int, {
    nullable: true,
    description: "负责本机构医师考核的考核机构 ID (assigned assessment institution)",
  })
  @Index()
  @Column({ type: "int", nullable: true })
  assessmentInstitutionId: number | null;

  @Field({ description: "是否为考核机构 (whether it acts as an assessment institution, 考核机构)" })
  @Column({ type: "boolean", default: false })
  isAssessmentInstitution: boolean;

  @Field({
    description:
      "主管卫生行政部门是否已开通申请考核机构的权限 (whether the administration opened the right to apply as assessment institution)",
  })
  @Column({ type: "boolean", default: false })
  assessmentApplicationAllowed: boolean;

  @Field(() => Date, { nullable: true, description: "首次完善机构信息的时间 (when the profile was first completed)" })
  @DateTimeColumn({ nullable: true })
  profileCompletedAt: Date | null;

  @VersionColumn({ default: 1 })
  version: number;

  @DateTimeColumn()
  createdAt: Date;

  @Field(() => Date, { description: "最后更新时间 (last updated)" })
  @DateTimeColumn()
  updatedAt: Date;
}
