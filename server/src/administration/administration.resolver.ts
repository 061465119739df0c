import { Arg, Authorized, Ctx, FieldResolver, Int, Mutation, Query, Resolver, Root } from "type-graphql";
import { rolesFor, WorkflowAction } from "../assessment/workflow";
import { Role } from "../common/auth";
import type { Context } from "../context";
import { unlockAccount } from "./account-unlock";
import { AdministrationDashboard, administrationDashboard } from "./dashboard";
import { DashboardTrendPoint, dashboardTrend } from "./dashboard-trend";
import { decideMakeups, MakeupBatchInput, MakeupOutcome } from "./makeup-batch";

/** What the health administrations' console needs beyond the lists and transitions other features publish. */
@Resolver(() => AdministrationDashboard)
export class AdministrationResolver {
  @Authorized(Role.HEALTH_ADMIN)
  @Query(() => AdministrationDashboard, {
    description:
      "卫生行政部门首页：辖区（或其中一个下级地区）的考核进度、下一级各地区或机构的进度、待办数 (an administration's dashboard)",
  })
  administrationDashboard(
    @Arg("regionCode", () => String, {
      nullable: true,
      description: "下钻到的地区，须在本辖区内；默认本辖区 (region to show; default the caller's own)",
    })
    regionCode: string | null,
    @Arg("cycleId", () => Int, { nullable: true, description: "考核周期，默认当前 (cycle)" }) cycleId: number | null,
    @Ctx() ctx: Context,
  ): Promise<AdministrationDashboard> {
    return administrationDashboard(ctx, regionCode, cycleId);
  }

  @FieldResolver(() => [DashboardTrendPoint], {
    description:
      "本周期每天的报名提交数与测评结果录入数，从周期首日至今 (daily submissions and recorded results over the cycle)",
  })
  trend(@Root() d: AdministrationDashboard, @Ctx() ctx: Context): Promise<DashboardTrendPoint[]> {
    return dashboardTrend(ctx, d.cycleId, d.region.code);
  }

  @Authorized(...rolesFor(WorkflowAction.CONFIRM_MAKEUP))
  @Mutation(() => [MakeupOutcome], {
    description:
      "省级卫生行政部门批量确认补考：逐条生效，返回每条的结果；不允许须填写理由，结果为不合格 (batch make-up confirmation)",
  })
  confirmMakeups(@Arg("input") input: MakeupBatchInput, @Ctx() ctx: Context): Promise<MakeupOutcome[]> {
    return decideMakeups(ctx, input);
  }

  @Authorized(Role.HEALTH_ADMIN)
  @Mutation(() => Boolean, {
    description: "解除辖区内账户因连续登录失败造成的锁定（记入审计） (unlock an account locked after failed sign-ins)",
  })
  async unlockAccount(@Arg("accountId", () => Int) accountId: number, @Ctx() ctx: Context): Promise<boolean> {
    await unlockAccount(ctx, accountId);
    return true;
  }
}
