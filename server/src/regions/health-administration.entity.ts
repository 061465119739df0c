import { Field, Int, ObjectType } from "type-graphql";
import { Column, Entity, Index, PrimaryGeneratedColumn } from "typeorm";
import { RegionLevel } from "./region.entity";

/** 卫生行政部门: a county, city or provincial health commission. */
@ObjectType({ description: "卫生行政部门 (health administration: county, city or province)" })
@Entity({ name: "health_administration" })
export class HealthAdministration {
  @Field(() => Int)
  @PrimaryGeneratedColumn()
  id: number;

  @Field({ description: "名称 (name)" })
  @Column({ type: "varchar", length: 128 })
  name: string;

  @Field({ description: "所辖行政区划代码 (region code of its jurisdiction)" })
  @Index()
  @Column({ type: "varchar", length: 6 })
  regionCode: string;

  @Field(() => RegionLevel, { description: "级别 (level)" })
  @Column({ type: "simple-enum", enum: RegionLevel })
  level: RegionLevel;

  @Field(() => Int, { nullable: true, description: "上级卫生行政部门 (superior administration)" })
  @Column({ type: "int", nullable: true })
  parentId: number | null;

  @Field({ description: "联系人 (contact person)" })
  @Column({ type: "varchar", length: 64, default: "" })
  contactPerson: string;

  @Field({ description: "联系电话 (contact phone)" })
  @Column({ type: "varchar", length: 32, default: "" })
  contactPhone: string;
}
