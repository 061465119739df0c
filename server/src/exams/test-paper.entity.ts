import { Field, Float, Int, ObjectType } from "type-graphql";
import { Column, Entity, Index, PrimaryGeneratedColumn } from "typeorm";
import { TestKind } from "../assessment/procedure";
import { DateTimeColumn } from "../db/columns";

/** 试卷: one online test of a cycle, with its window and pass mark. */
@ObjectType({ description: "试卷 (a test paper of a cycle)" })
@Entity({ name: "test_paper" })
@Index(["cycleId", "kind"])
export class TestPaper {
  @Field(() => Int)
  @PrimaryGeneratedColumn()
  id: number;

  @Field(() => Int)
  @Column({ type: "int" })
  cycleId: number;

  @Field({ description: "试卷名称 (name)" })
  @Column({ type: "varchar", length: 128 })
  name: string;

  @Field(() => TestKind, { description: "测评类别 (kind)" })
  @Column({ type: "simple-enum", enum: TestKind })
  kind: TestKind;

  @Field(() => Date, { description: "开考时间 (window opens)" })
  @DateTimeColumn()
  windowStart: Date;

  @Field(() => Date, { description: "截止时间 (window closes)" })
  @DateTimeColumn()
  windowEnd: Date;

  @Field(() => Float, { description: "合格分数线 (pass mark)" })
  @Column({ type: "double" })
  passMark: number;

  @Field(() => Float, { description: "满分 (full marks)" })
  @Column({ type: "double", default: 100 })
  fullMarks: number;

  /** 出卷的考核机构；省级卫生行政部门出的卷为空. Only its author (or the province) may edit it. */
  @Field(() => Int, { nullable: true, description: "出卷考核机构 (assessment institution that set it)" })
  @Column({ type: "int", nullable: true })
  createdByInstitutionId: number | null;

  @DateTimeColumn()
  createdAt: Date;
}
