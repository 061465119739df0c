import { FilterText } from "../common/filter-text";
import { maskIdNumber } from "../common/id-number";
import { LIKE_ESCAPE, likeContains } from "../common/like";
import { Arg, Args, Authorized, Ctx, Field, InputType, Int, ObjectType, Query, Resolver } from "type-graphql";
import { Role, requirePrincipal } from "../common/auth";
import { PageArgs, PageOf, offsetOf } from "../common/pagination";
import { pagedCost } from "../common/query-limits";
import type { Context } from "../context";
import { Institution } from "../institutions/institution.entity";
import { Physician } from "../physicians/physician.entity";
import { HealthAdministration } from "../regions/health-administration.entity";
import { regionPrefix } from "../regions/region.entity";
import { Account, AccountKind } from "./account.entity";
import { LoginThrottle } from "./login-throttle.entity";

@InputType({ description: "账户筛选 (account filter)" })
class AccountFilter {
  @Field(() => AccountKind, { nullable: true, description: "账户类型 (kind)" })
  kind?: AccountKind;

  @Field({ nullable: true, description: "登录名或名称包含 (user name or display name contains)" })
  @FilterText("登录名或名称")
  search?: string;
}

@ObjectType({ description: "辖区内的账户（用于重置密码） (an account in the administration's region)" })
class AccountView {
  @Field(() => Int, { description: "账户 ID (account id)" }) id: number;
  @Field({ description: "登录名 (user name)" }) username: string;
  @Field(() => AccountKind, { description: "账户类型 (kind)" }) kind: AccountKind;
  @Field({ description: "名称 (display name)" }) displayName: string;
  @Field({ description: "须修改密码 (must change password)" }) mustChangePassword: boolean;
  @Field({ description: "是否锁定中 (locked after failed sign-ins)" }) locked: boolean;
  @Field({ description: "是否启用 (enabled)" }) enabled: boolean;
  @Field(() => Date, { nullable: true, description: "上次登录 (last sign-in)" }) lastLoginAt: Date | null;
}

const AccountPage = PageOf(AccountView, "AccountPage", "账户分页 (a page of accounts)");

@Resolver()
export class AdminAccountsResolver {
  @Authorized(Role.HEALTH_ADMIN)
  @Query(() => AccountPage, {
    complexity: pagedCost,
    description: "辖区内的机构、医师及下级卫生行政部门账户，供重置密码使用 (accounts an administration may reset)",
  })
  async administeredAccounts(
    @Arg("filter", () => AccountFilter, { nullable: true }) filter: AccountFilter | null,
    @Args() page: PageArgs,
    @Ctx() ctx: Context,
  ) {
    const p = requirePrincipal(ctx);
    // The same rule as mayReset: institutions (and their physicians) by their supervising administration.
    const prefix = `${regionPrefix(p.regionCode!, p.regionLevel!)}%`;
    const qb = ctx.ds
      .getRepository(Account)
      .createQueryBuilder("a")
      .leftJoin(Institution, "i", "i.id = a.institutionId")
      .leftJoin(Physician, "ph", "ph.id = a.physicianId")
      .leftJoin(Institution, "pi", "pi.id = ph.institutionId")
      .leftJoin(HealthAdministration, "si", "si.id = i.superiorAdminId")
      .leftJoin(HealthAdministration, "sp", "sp.id = pi.superiorAdminId")
      .leftJoin(HealthAdministration, "h", "h.id = a.adminId")
      .leftJoinAndMapOne("a.throttle", LoginThrottle, "t", "t.username = a.username")
      .where(
        `(si.regionCode LIKE :prefix OR sp.regionCode LIKE :prefix OR (h.regionCode LIKE :prefix AND h.id <> :self)
          OR (:province = 1 AND ((i.id IS NOT NULL AND i.superiorAdminId IS NULL AND i.provinceCode = :code)
            OR (pi.id IS NOT NULL AND pi.superiorAdminId IS NULL AND pi.provinceCode = :code))))`,
        {
          prefix,
          self: p.adminId ?? 0,
          province: p.roles.has(Role.PROVINCIAL_ADMIN) ? 1 : 0,
          code: p.regionCode,
        },
      );
    if (filter?.kind) qb.andWhere("a.kind = :kind", { kind: filter.kind });
    if (filter?.search?.trim())
      qb.andWhere(`(a.username LIKE :s ${LIKE_ESCAPE} OR a.displayName LIKE :s ${LIKE_ESCAPE})`, {
        s: likeContains(filter.search.trim()),
      });
    const [rows, total] = await qb.orderBy("a.id", "ASC").skip(offsetOf(page)).take(page.pageSize).getManyAndCount();
    const now = Date.now();
    return {
      items: rows.map((a) => {
        const lockedUntil = (a as Account & { throttle?: LoginThrottle }).throttle?.lockedUntil;
        // A physician signs in with the ID number: lists show it masked, like every ID number in a list.
        const username = a.kind === AccountKind.PHYSICIAN ? maskIdNumber(a.username) : a.username;
        return { ...a, username, locked: !!lockedUntil && lockedUntil.getTime() > now };
      }),
      total,
      page: page.page,
      pageSize: page.pageSize,
    };
  }
}
