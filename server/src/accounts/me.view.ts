import { Field, Float, Int, ObjectType } from "type-graphql";
import { Role } from "../common/auth";
import { AccountKind } from "./account.entity";

@ObjectType({ description: "当前登录者 (the signed-in account)" })
export class Me {
  @Field(() => Int)
  id: number;

  @Field({ description: "登录名 (user name)" })
  username: string;

  @Field(() => AccountKind)
  kind: AccountKind;

  @Field({ description: "显示名称 (display name)" })
  displayName: string;

  @Field(() => [Role], { description: "角色 (roles)" })
  roles: Role[];

  @Field({ description: "须先修改密码 (must change the password before doing anything else)" })
  mustChangePassword: boolean;

  @Field(() => Int, {
    nullable: true,
    description: "所属机构 ID (institution of an institution or assessment-institution account)",
  })
  institutionId: number | null;

  @Field(() => Int, { nullable: true, description: "医师 ID (physician of a physician account)" })
  physicianId: number | null;

  @Field(() => Int, { nullable: true, description: "卫生行政部门 ID (administration of an administration account)" })
  adminId: number | null;

  @Field(() => String, {
    nullable: true,
    description: "辖区地区代码 (the region of an administration account: its filters offer it and below)",
  })
  regionCode: string | null;

  @Field(() => Float, { description: "会话空闲超时分钟数 (minutes of inactivity before the session ends)" })
  sessionIdleMinutes: number;
}

@ObjectType({ description: "密码规则 (password policy)" })
export class PasswordPolicy {
  @Field({ description: "规则说明 (the rule as shown to users)" })
  text: string;

  @Field(() => Int, { description: "最短长度 (minimum length)" })
  minLength: number;

  @Field(() => Int, { description: "至少包含的字符类别数（大写、小写、数字、特殊符号） (character classes required)" })
  minClasses: number;
}
