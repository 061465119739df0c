import { Field, Int, ObjectType } from "type-graphql";
import { Column, Entity, Index, PrimaryGeneratedColumn } from "typeorm";
import { DateTimeColumn } from "../db/columns";

/** Who did what, when, from where: sign-ins, password changes, resets and every workflow action. */
@ObjectType({ description: "审计记录 (audit record)" })
@Entity({ name: "audit_log" })
@Index(["targetType", "targetId"])
@Index(["actorType", "actorId", "at"])
export class AuditLog {
  @Field(() => Int)
  @PrimaryGeneratedColumn()
  id: number;

  @Field(() => Date, { description: "时间 (when)" })
  @Index()
  @DateTimeColumn()
  at: Date;

  @Field({ description: "操作者类型 (ACCOUNT, API_CLIENT, ANONYMOUS, SYSTEM)" })
  @Column({ type: "varchar", length: 16 })
  actorType: string;

  @Field(() => Int, { nullable: true, description: "操作者 ID (account or API client id)" })
  @Column({ type: "int", nullable: true })
  actorId: number | null;

  @Field({ description: "操作者名称 (actor name or attempted user name)" })
  @Column({ type: "varchar", length: 128, default: "" })
  actorName: string;

  @Field({ description: "动作 (action, e.g. auth.login, department.delete)" })
  @Index()
  @Column({ type: "varchar", length: 64 })
  action: string;

  @Field(() => String, { nullable: true, description: "对象类型 (target type)" })
  @Column({ type: "varchar", length: 32, nullable: true })
  targetType: string | null;

  @Field(() => Int, { nullable: true, description: "对象 ID (target id)" })
  @Column({ type: "int", nullable: true })
  targetId: number | null;

  @Field({ description: "是否成功 (succeeded)" })
  @Column({ type: "boolean", default: true })
  success: boolean;

  @Field({ description: "来源地址 (client address)" })
  @Column({ type: "varchar", length: 64, default: "" })
  ip: string;

  @Field(() => String, {
    nullable: true,
    description:
      "所属地区代码：决定哪些卫生行政部门可见 (region the record belongs to; decides which administrations see it)",
  })
  @Index()
  @Column({ type: "varchar", length: 12, nullable: true })
  regionCode: string | null;

  @Field(() => String, { nullable: true, description: "详情（JSON） (details as JSON text)" })
  @Column({ type: "text", nullable: true })
  detail: string | null;
}
