import { Ctx, FieldResolver, Resolver, Root } from "type-graphql";
import { requirePrincipal } from "../common/auth";
import type { Context } from "../context";
import { institutionById } from "../institutions/institution.loaders";
import { ApplicationBrief } from "./application-brief.view";
import { availableActions } from "./application.service";
import { WorkflowAction } from "./workflow";

@Resolver(() => ApplicationBrief)
export class ApplicationBriefResolver {
  @FieldResolver(() => [WorkflowAction], {
    description: "当前登录者此刻可执行的动作（据流程表计算） (actions the caller may take now)",
  })
  async availableActions(@Root() a: ApplicationBrief, @Ctx() ctx: Context) {
    const inst = a.institutionId ? await ctx.loaders.get(institutionById).load(a.institutionId) : null;
    return availableActions(requirePrincipal(ctx), a, inst).actions;
  }
}
