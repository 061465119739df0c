import type { GraphQLResolveInfo } from "graphql";
import { Arg, Args, Authorized, Ctx, Info, Int, Query, Resolver } from "type-graphql";
import { Role } from "../common/auth";
import { PageArgs, PageOf } from "../common/pagination";
import { pagedCost } from "../common/query-limits";
import { selectedSubfields } from "../common/selected-fields";
import type { Context } from "../context";
import { ApplicationFilter, ApplicationSort, listApplications } from "./application-list";
import { applicationView } from "./application.mapping";
import { myApplication, visibleApplication } from "./application.service";
import { ApplicationView, WorkflowView } from "./application.view";
import {
  EVENT_LABEL,
  EXEMPTION_INFO,
  EXEMPTION_TRANSITIONS,
  PARTY_ROLES,
  ReturnSection,
  returnSectionViews,
  STATUS_INFO,
  TRANSITIONS,
  type ApplicationStatus,
  type ExemptionStatus,
} from "./workflow";

const ApplicationPage = PageOf(ApplicationView, "ApplicationPage", "考核申请分页列表 (a page of applications)");

/** Reading: the workflow table, one application, the physician's own, the lists. */
@Resolver(() => ApplicationView)
export class ApplicationResolver {
  @Query(() => WorkflowView, {
    description: "考核流程定义（状态标签、各动作的角色与前后状态），供界面显示标签与按钮 (the workflow table)",
  })
  workflow(): WorkflowView {
    return {
      statuses: Object.entries(STATUS_INFO).map(([value, info]) => ({ value: value as ApplicationStatus, ...info })),
      actions: Object.values(TRANSITIONS).map((t) => ({
        ...t,
        eventLabel: EVENT_LABEL[t.action],
        roles: PARTY_ROLES[t.party],
        refusals: Object.entries(t.refusals).map(([status, message]) => ({
          status: status as ApplicationStatus,
          message: message!,
        })),
        phases: Object.entries(t.phases).map(([from, phases]) => ({
          from: from as ApplicationStatus,
          phases: phases!,
        })),
      })),
      exemptionStatuses: Object.entries(EXEMPTION_INFO).map(([value, info]) => ({
        value: value as ExemptionStatus,
        ...info,
      })),
      exemptionActions: Object.values(EXEMPTION_TRANSITIONS).map((t) => ({ ...t, roles: PARTY_ROLES[t.party] })),
      returnSections: returnSectionViews(Object.values(ReturnSection)),
    };
  }

  @Authorized()
  @Query(() => ApplicationView, {
    description:
      "考核申请详情（含完整身份证号） (an application, for its physician and those who may see its institution)",
  })
  async application(@Arg("id", () => Int) id: number, @Ctx() ctx: Context) {
    return applicationView(await visibleApplication(ctx, id), true);
  }

  @Authorized(Role.PHYSICIAN)
  @Query(() => ApplicationView, {
    nullable: true,
    description: "本人当前周期的考核申请 (the physician's own application)",
  })
  async myApplication(@Ctx() ctx: Context) {
    const app = await myApplication(ctx);
    return app ? applicationView(app, true) : null;
  }

  @Authorized(Role.INSTITUTION, Role.ASSESSMENT_INSTITUTION, Role.HEALTH_ADMIN, Role.API_CLIENT)
  @Query(() => ApplicationPage, {
    complexity: pagedCost,
    description: "考核申请列表：审核队列、考核进度；只含调用者有权查看的机构 (applications the caller may see)",
  })
  async applications(
    @Arg("filter", () => ApplicationFilter, { nullable: true }) filter: ApplicationFilter | null,
    @Arg("sort", () => ApplicationSort, { nullable: true, defaultValue: ApplicationSort.ID }) sort: ApplicationSort,
    @Args() page: PageArgs,
    @Ctx() ctx: Context,
    @Info() info: GraphQLResolveInfo,
  ) {
    const result = await listApplications(ctx, filter ?? {}, sort, page, selectedSubfields(info, "items"));
    return { ...result, items: result.items.map((a) => applicationView(a)) };
  }
}
