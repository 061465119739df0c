import { Field, Int, ObjectType } from "type-graphql";
import { Column, Entity, Index, PrimaryGeneratedColumn } from "typeorm";
import { DateTimeColumn } from "../db/columns";

/** 科室: an institution's department, linked to one or more 诊疗科目 of the national catalog. */
@ObjectType({ description: "科室 (department of an institution)" })
@Entity({ name: "department" })
@Index(["institutionId", "name"], { unique: true })
@Index(["institutionId", "enabled"])
export class Department {
  @Field(() => Int)
  @PrimaryGeneratedColumn()
  id: number;

  @Field(() => Int, { description: "所属机构 ID (institution)" })
  @Column({ type: "int" })
  institutionId: number;

  @Field({ description: "科室名称，机构内唯一 (name, unique within the institution)" })
  @Column({ type: "varchar", length: 64 })
  name: string;

  @Field(() => [String], { description: "关联的诊疗科目代码 (linked practice-subject codes)" })
  @Column({ type: "simple-json" })
  subjectCodes: string[];

  @Field({ description: "是否启用；停用的科室不能被医师选择 (enabled; physicians cannot choose a disabled one)" })
  @Column({ type: "boolean", default: true })
  enabled: boolean;

  @Field(() => Date)
  @DateTimeColumn()
  createdAt: Date;

  @Field(() => Date)
  @DateTimeColumn()
  updatedAt: Date;
}
