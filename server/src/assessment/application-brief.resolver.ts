import { Ctx, FieldResolver, Resolver, Root } from "type-graphql";
import { requirePrincipal } from "../common/auth";
import type { Context } from "../context";
import { institutionById } from "../institutions/institution.loaders";
import { ApplicationBrief } from "./application-brief.view";
import { cycleById } from "./application.loaders";
import { availableActions, withdrawnByCancel } from "./application.service";
import { WorkflowAction } from "./workflow";

@Resolver(() => ApplicationBrief)
export class ApplicationBriefResolver {
  @FieldResolver(() => [WorkflowAction], {
    description: "当前登录者此刻可执行的动作（据流程表计算） (actions the caller may take now)",
  })
  async availableActions(@Root() a: ApplicationBrief, @Ctx() ctx: Context) {
    const inst = a.institutionId ? await ctx.loaders.get(institutionById).load(a.institutionId) : null;
    const cycle = await ctx.loaders.get(cycleById).load(a.cycleId);
    return availableActions(requirePrincipal(ctx), a, inst, cycle).actions;
  }

  @FieldResolver(() => [String], {
    description:
      "取消报名将撤回的内容（已提交的报名信息、免考申请），界面据此提示 (what cancelling the enrolment would withdraw)",
  })
  withdrawnOnCancel(@Root() a: ApplicationBrief): string[] {
    return withdrawnByCancel(a);
  }
}
