import { pagedCost } from "../common/query-limits";
import { Arg, Authorized, Ctx, Int, Query, Resolver } from "type-graphql";
import { assertCanSee } from "../common/access";
import { Role, requirePrincipal } from "../common/auth";
import { badInput, invalidState } from "../common/errors";
import type { Context } from "../context";
import { Institution } from "../institutions/institution.entity";
import { resolveCycleId } from "./application-list";
import {
  countsOf,
  ProgressSummary,
  regionProgress,
  RegionProgressInput,
  RegionProgressRow,
  summaryOf,
} from "./progress";

@Resolver()
export class ProgressResolver {
  @Authorized(Role.INSTITUTION, Role.ASSESSMENT_INSTITUTION, Role.HEALTH_ADMIN, Role.API_CLIENT)
  @Query(() => ProgressSummary, {
    description: "机构考核进度统计：各状态人数与完成率 (an institution's counts per status and completion rate)",
  })
  async progressSummary(
    @Arg("institutionId", () => Int, {
      nullable: true,
      description: "机构；机构用户默认本机构 (institution; default the caller's own)",
    })
    institutionId: number | null,
    @Arg("cycleId", () => Int, { nullable: true }) cycleId: number | null,
    @Ctx() ctx: Context,
  ): Promise<ProgressSummary> {
    const p = requirePrincipal(ctx);
    const id = institutionId ?? p.institutionId;
    if (!id) throw badInput("请指定机构", "institutionId");
    assertCanSee(p, await ctx.ds.getRepository(Institution).findOneBy({ id }), "机构");
    const cycle = await resolveCycleId(ctx, cycleId);
    if (!cycle) throw invalidState("当前没有进行中的考核周期");
    return summaryOf(await countsOf(ctx, cycle, id));
  }

  @Authorized(Role.HEALTH_ADMIN, Role.API_CLIENT)
  @Query(() => [RegionProgressRow], {
    complexity: pagedCost,
    description:
      "辖区考核进度汇总：按市、县（区）或机构统计各状态人数与完成率，由数据库按计数表汇总 (region roll-up of counts and completion)",
  })
  async regionProgress(
    @Arg("input") input: RegionProgressInput,
    @Arg("page", () => Int, {
      defaultValue: 1,
      description: "页码，按机构汇总时分页用 (page, for per-institution roll-ups)",
    })
    page: number,
    @Arg("pageSize", () => Int, { defaultValue: 500, description: "每页条数，1–1000 (rows per page, 1–1000)" })
    pageSize: number,
    @Ctx() ctx: Context,
  ): Promise<RegionProgressRow[]> {
    if (page < 1 || pageSize < 1 || pageSize > 1000)
      throw badInput("页码须大于等于 1，每页条数须在 1 到 1000 之间", "pageSize");
    const cycle = await resolveCycleId(ctx, input.cycleId);
    if (!cycle) throw invalidState("当前没有进行中的考核周期");
    const rows = await regionProgress(ctx, input, cycle);
    return rows.slice((page - 1) * pageSize, page * pageSize);
  }
}
