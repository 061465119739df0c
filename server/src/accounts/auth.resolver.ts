import { Arg, Authorized, Ctx, Int, Mutation, Query, Resolver } from "type-graphql";
import { DURING_PASSWORD_CHANGE, Role, requirePrincipal, type Principal } from "../common/auth";
import { forbidden } from "../common/errors";
import type { Context } from "../context";
import { Account } from "./account.entity";
import { changePassword, login, logout, resetPassword } from "./account.service";
import { ChangePasswordInput, LoginInput } from "./auth.inputs";
import { Me, PasswordPolicy } from "./me.view";
import { PASSWORD_POLICY_TEXT } from "./password-policy";

async function meOf(ctx: Context, p: Principal): Promise<Me> {
  if (p.type !== "ACCOUNT") throw forbidden("接口客户端请使用 apiClientMe 查询");
  const account = await ctx.ds.getRepository(Account).findOneByOrFail({ id: p.id });
  return {
    id: account.id,
    username: account.username,
    kind: account.kind,
    displayName: account.displayName,
    roles: [...p.roles].filter((r): r is Role => Object.values(Role).includes(r as Role)),
    mustChangePassword: p.mustChangePassword,
    institutionId: p.institutionId,
    physicianId: p.physicianId,
    adminId: p.adminId,
    regionCode: p.adminId ? p.regionCode : null,
    sessionIdleMinutes: ctx.config.sessionIdleMinutes,
  };
}

@Resolver()
export class AuthResolver {
  @Query(() => PasswordPolicy, { description: "密码规则，供界面提示与即时校验 (password policy, for forms)" })
  passwordPolicy(): PasswordPolicy {
    return { text: PASSWORD_POLICY_TEXT, minLength: 8, minClasses: 3 };
  }

  @Authorized(DURING_PASSWORD_CHANGE)
  @Query(() => Me, { description: "当前登录账户 (the signed-in account)" })
  async me(@Ctx() ctx: Context): Promise<Me> {
    return meOf(ctx, requirePrincipal(ctx));
  }

  @Mutation(() => Me, {
    description: "登录：成功后设置 HttpOnly 会话 Cookie；连续 5 次失败锁定 15 分钟 (sign in; sets the session cookie)",
  })
  async login(@Arg("input") input: LoginInput, @Ctx() ctx: Context): Promise<Me> {
    return meOf(ctx, await login(ctx, input.username, input.password));
  }

  @Authorized(DURING_PASSWORD_CHANGE)
  @Mutation(() => Boolean, { description: "退出登录 (sign out)" })
  async logout(@Ctx() ctx: Context): Promise<boolean> {
    if (requirePrincipal(ctx).type !== "ACCOUNT") throw forbidden("接口客户端使用令牌访问，无需退出登录");
    await logout(ctx);
    return true;
  }

  @Authorized(DURING_PASSWORD_CHANGE)
  @Mutation(() => Me, { description: "修改密码（首次登录或重置后必须先修改） (change password)" })
  async changePassword(@Arg("input") input: ChangePasswordInput, @Ctx() ctx: Context): Promise<Me> {
    return meOf(ctx, await changePassword(ctx, input.oldPassword, input.newPassword));
  }

  @Authorized(Role.HEALTH_ADMIN)
  @Mutation(() => Boolean, {
    description:
      "重置账户密码为 666666，下次登录须修改，RESET_VALID_HOURS（默认 72 小时）内未修改则失效；由账户的上级卫生行政部门或更上级操作 (reset an account's password; its supervising administration or above)",
  })
  async resetAccountPassword(@Arg("accountId", () => Int) accountId: number, @Ctx() ctx: Context): Promise<boolean> {
    await resetPassword(ctx, accountId);
    return true;
  }
}
