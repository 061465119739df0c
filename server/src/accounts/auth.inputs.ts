import { IsNotEmpty, MaxLength } from "class-validator";
import { Field, InputType } from "type-graphql";

@InputType({ description: "登录 (sign-in)" })
export class LoginInput {
  @Field({
    description:
      "登录名；医师使用身份证号码，15 位或 18 位均可 (user name; physicians: resident ID number, either form)",
  })
  @IsNotEmpty({ message: "请输入账号" })
  @MaxLength(64, { message: "账号过长" })
  username: string;

  @Field({ description: "密码 (password)" })
  @IsNotEmpty({ message: "请输入密码" })
  @MaxLength(128, { message: "密码过长" })
  password: string;
}

@InputType({ description: "修改密码 (change password)" })
export class ChangePasswordInput {
  @Field({ description: "原密码 (current password)" })
  @IsNotEmpty({ message: "请输入原密码" })
  @MaxLength(128, { message: "密码过长" })
  oldPassword: string;

  @Field({ description: "新密码，须符合密码规则 (new password; must meet the policy)" })
  @IsNotEmpty({ message: "请输入新密码" })
  @MaxLength(128, { message: "密码过长" })
  newPassword: string;
}
