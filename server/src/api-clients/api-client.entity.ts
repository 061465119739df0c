import { Field, Int, ObjectType } from "type-graphql";
import { Column, Entity, Index, PrimaryGeneratedColumn } from "typeorm";
import { DateTimeColumn } from "../db/columns";
import { ApiPermission } from "../common/auth";
import { RegionLevel } from "../regions/region.entity";

/**
 * Machine access for a provincial system: a bearer token (only its SHA-256 is stored) scoped to a
 * region, read-only unless write permissions are granted.
 */
@ObjectType({ description: "接口客户端 (API client of a provincial system)" })
@Entity({ name: "api_client" })
export class ApiClient {
  @Field(() => Int)
  @PrimaryGeneratedColumn()
  id: number;

  @Field({ description: "名称 (name)" })
  @Column({ type: "varchar", length: 128 })
  name: string;

  @Index({ unique: true })
  @Column({ type: "varchar", length: 64 })
  tokenHash: string;

  @Field({ description: "令牌前缀，用于辨认 (first characters of the token, for recognising it)" })
  @Column({ type: "varchar", length: 16 })
  tokenPrefix: string;

  @Field({ description: "可访问的行政区划代码 (region the client may read)" })
  @Column({ type: "varchar", length: 6 })
  regionCode: string;

  @Field(() => RegionLevel, { description: "区划级别 (level of that region)" })
  @Column({ type: "simple-enum", enum: RegionLevel })
  regionLevel: RegionLevel;

  @Field(() => [ApiPermission], { description: "写权限 (granted write permissions; empty = read-only)" })
  @Column({ type: "simple-json" })
  permissions: ApiPermission[];

  @Field(() => Int, {
    nullable: true,
    description: "每分钟请求上限；为空则用系统默认值 (requests per minute; null = the server default)",
  })
  @Column({ type: "int", nullable: true })
  rateLimitPerMinute: number | null;

  @Field(() => Int, { description: "创建者（省级卫生行政部门账户）(creating account)" })
  @Column({ type: "int" })
  createdByAccountId: number;

  @Field(() => Date)
  @DateTimeColumn()
  createdAt: Date;

  @Field(() => Date, { nullable: true, description: "过期时间 (expires at; null = never)" })
  @DateTimeColumn({ nullable: true })
  expiresAt: Date | null;

  @Field(() => Date, { nullable: true, description: "吊销时间 (revoked at)" })
  @DateTimeColumn({ nullable: true })
  revokedAt: Date | null;

  @Field(() => Date, { nullable: true, description: "最近使用时间 (last used)" })
  @DateTimeColumn({ nullable: true })
  lastUsedAt: Date | null;
}
