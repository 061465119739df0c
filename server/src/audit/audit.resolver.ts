import { FilterText } from "../common/filter-text";
import { LIKE_ESCAPE, likeContains, likePrefix } from "../common/like";
import { Arg, Args, Authorized, Ctx, Field, InputType, Query, Resolver } from "type-graphql";
import { Role, requirePrincipal } from "../common/auth";
import { maskPersonalNumbersIn } from "../common/id-number";
import { forbidden } from "../common/errors";
import { levelOfCode, regionPrefix } from "../regions/region.entity";
import { offsetOf, PageArgs, PageOf } from "../common/pagination";
import { pagedCost } from "../common/query-limits";
import type { Context } from "../context";
import { sqlTime } from "../db/raw";
import { AuditLog } from "./audit-log.entity";

@InputType({ description: "审计记录筛选 (audit filter)" })
class AuditFilter {
  @Field({ nullable: true, description: "动作前缀，如 auth. 或 proctoring.verdict (action prefix)" })
  @FilterText("动作")
  action?: string;

  @Field({ nullable: true, description: "操作者名称包含 (actor name contains)" })
  @FilterText("操作者名称")
  actorName?: string;

  @Field({ nullable: true, description: "对象类型 (target type)" })
  @FilterText("对象类型", 32)
  targetType?: string;

  @Field(() => Date, { nullable: true, description: "此时间之后 (since)" })
  since?: Date;

  @Field(() => Date, { nullable: true, description: "此时间之前（不含） (before, exclusive)" })
  until?: Date;

  @Field({
    nullable: true,
    description: "只看此地区（须在本辖区内）：市或县（区）代码 (narrow to a region inside the jurisdiction)",
  })
  @FilterText("区划代码", 12)
  regionCode?: string;

  @Field({ nullable: true, description: "只看失败的 (only failures)" })
  failedOnly?: boolean;
}

const AuditPage = PageOf(AuditLog, "AuditLogPage", "审计记录分页 (a page of audit records)");

/**
 * The audit trail (sign-ins, resets, workflow transitions, roster changes, reveals of full ID numbers, API calls).
 * Each administration sees the records of its region (the province also those of no region: anonymous callers);
 * ID numbers and phone numbers in them are masked.
 */
@Resolver()
export class AuditResolver {
  @Authorized(Role.HEALTH_ADMIN)
  @Query(() => AuditPage, {
    complexity: pagedCost,
    description:
      "本辖区的审计记录，最新的在前；身份证号、手机号脱敏 (audit records of the administration's region, newest first; personal numbers masked)",
  })
  async auditLogs(
    @Arg("filter", () => AuditFilter, { nullable: true }) filter: AuditFilter | null,
    @Args() page: PageArgs,
    @Ctx() ctx: Context,
  ) {
    const p = requirePrincipal(ctx);
    const qb = ctx.ds.getRepository(AuditLog).createQueryBuilder("l");
    const inRegion = `l.regionCode LIKE :region`;
    const own = regionPrefix(p.regionCode!, p.regionLevel!);
    const narrow = filter?.regionCode?.trim();
    if (narrow) {
      // A sub-region of the caller's own (a city's county), never a neighbour's: refused, not an empty page.
      if (!/^\d{6}$/.test(narrow) || !narrow.startsWith(own)) throw forbidden("只能查看本辖区内的审计记录");
      qb.where(inRegion, { region: `${regionPrefix(narrow, levelOfCode(narrow))}%` });
    } else if (p.roles.has(Role.PROVINCIAL_ADMIN))
      qb.where(`(${inRegion} OR l.regionCode IS NULL)`, { region: `${own}%` });
    else qb.where(inRegion, { region: `${own}%` });
    if (filter?.action) qb.andWhere(`l.action LIKE :action ${LIKE_ESCAPE}`, { action: likePrefix(filter.action) });
    if (filter?.actorName)
      qb.andWhere(`l.actorName LIKE :actor ${LIKE_ESCAPE}`, { actor: likeContains(filter.actorName) });
    if (filter?.targetType) qb.andWhere("l.targetType = :tt", { tt: filter.targetType });
    if (filter?.since) qb.andWhere("l.at >= :since", { since: sqlTime(ctx.ds, filter.since) });
    if (filter?.until) qb.andWhere("l.at < :until", { until: sqlTime(ctx.ds, filter.until) });
    if (filter?.failedOnly) qb.andWhere("l.success = :no", { no: false });
    const [items, total] = await qb.orderBy("l.id", "DESC").skip(offsetOf(page)).take(page.pageSize).getManyAndCount();
    const masked = items.map((l) => ({
      ...l,
      actorName: maskPersonalNumbersIn(l.actorName),
      detail: l.detail === null ? null : maskPersonalNumbersIn(l.detail),
    }));
    return { items: masked, total, page: page.page, pageSize: page.pageSize };
  }
}
