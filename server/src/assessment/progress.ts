import { readStatement } from "../db/read-statement";
import { FilterText } from "../common/filter-text";
import { Field, InputType, Int, ObjectType, registerEnumType } from "type-graphql";
import { regionFilterOf } from "../common/access";
import { requirePrincipal } from "../common/auth";
import { badInput, forbidden } from "../common/errors";
import type { Context } from "../context";
import { toNumber } from "../db/raw";
import { Region, RegionLevel, regionPrefix } from "../regions/region.entity";
import { regionNames } from "../regions/region-names";
import { completionOf } from "./completion";
import { CompletionSummary } from "./counts";
import { StatusCounter } from "./status-counter.entity";
import { ApplicationStatus, STATUS_INFO } from "./workflow";

/** The roll-ups' types are plain data (no middleware, no field-level authorization): simpleResolvers, as ApplicationView. */
@ObjectType({ description: "某状态的人数 (count of one status)", simpleResolvers: true })
export class StatusCount {
  @Field(() => ApplicationStatus) status: ApplicationStatus;
  @Field({ description: "状态名称 (label)" }) label: string;
  @Field(() => Int) count: number;
}

@ObjectType({ description: "考核进度统计 (progress counts)", simpleResolvers: true })
export class ProgressSummary {
  @Field(() => [StatusCount], { description: "各状态人数，按流程顺序 (counts per status, in workflow order)" })
  statusCounts: StatusCount[];
  @Field(() => Int, { description: "名单总人数 (all applications, incl. 未确认参加)" }) total: number;
  @Field(() => CompletionSummary) completion: CompletionSummary;
}

export enum RegionGrouping {
  CITY = "CITY",
  COUNTY = "COUNTY",
  INSTITUTION = "INSTITUTION",
}
registerEnumType(RegionGrouping, {
  name: "RegionGrouping",
  description: "汇总粒度 (roll-up level)",
  valuesConfig: {
    CITY: { description: "按市" },
    COUNTY: { description: "按县（区）" },
    INSTITUTION: { description: "按机构" },
  },
});

@ObjectType({ description: "一个地区或机构的考核进度 (progress of a region or an institution)", simpleResolvers: true })
export class RegionProgressRow extends ProgressSummary {
  @Field({ description: "区划代码，或机构 ID (region code, or institution id)" }) code: string;
  @Field({ description: "名称 (name)" }) name: string;
}

@InputType({ description: "地区汇总条件 (roll-up request)" })
export class RegionProgressInput {
  @Field(() => RegionGrouping) groupBy: RegionGrouping;
  @Field({
    nullable: true,
    description: "只看此区划（须在调用者辖区内） (narrow to this region inside the caller's jurisdiction)",
  })
  @FilterText("区划代码", 12)
  regionCode?: string;
  @Field(() => Int, { nullable: true, description: "考核周期，默认当前 (cycle)" }) cycleId?: number;
}

export function summaryOf(counts: Map<ApplicationStatus, number>): ProgressSummary {
  const statusCounts = Object.values(ApplicationStatus).map((status) => ({
    status,
    label: STATUS_INFO[status].label,
    count: counts.get(status) ?? 0,
  }));
  return { statusCounts, total: statusCounts.reduce((n, c) => n + c.count, 0), completion: completionOf(counts) };
}

const COLUMN: Record<RegionGrouping, string> = {
  CITY: "city_code",
  COUNTY: "county_code",
  INSTITUTION: "institution_id",
};
const LEVEL_COLUMN: Record<RegionLevel, string> = {
  PROVINCE: "province_code",
  CITY: "city_code",
  COUNTY: "county_code",
};

/**
 * Province → city → county → institution roll-ups, computed by the database from the maintained
 * counters (never by loading applications); an administration or API client sees only its region.
 */
export async function regionProgress(
  ctx: Context,
  input: RegionProgressInput,
  cycleId: number,
): Promise<RegionProgressRow[]> {
  const p = requirePrincipal(ctx);
  const scope = regionFilterOf(p);
  if (!scope) throw forbidden();
  let column = LEVEL_COLUMN[p.regionLevel!];
  let code = p.regionCode!;
  if (input.regionCode && input.regionCode !== code) {
    const region = await ctx.ds.getRepository(Region).findOneBy({ code: input.regionCode });
    if (!region || !region.code.startsWith(regionPrefix(code, p.regionLevel!)))
      throw badInput("只能查看本辖区内的地区", "regionCode");
    column = LEVEL_COLUMN[region.level];
    code = region.code;
  }
  const group = COLUMN[input.groupBy];
  // Cities and counties come from the county-level counters, named from the remembered region names
  // (regions/region-names.ts); institutions from the institution counters, their names (which institutions edit)
  // joined in the same statement. No query builder or entity per row.
  const byInstitution = input.groupBy === RegionGrouping.INSTITUTION;
  const counts = `SELECT ${group} AS k, status, SUM(count) AS n FROM ${byInstitution ? "status_counter" : "region_status_counter"}
     WHERE cycle_id = ? AND ${column} = ? GROUP BY ${group}, status`;
  const rows = await readStatement<{ k: string | number; status: ApplicationStatus; n: unknown; name?: string | null }>(
    ctx.ds,
    byInstitution
      ? `SELECT c.k, c.status, c.n, n.name FROM (${counts}) c LEFT JOIN institution n ON n.id = c.k`
      : counts,
    [cycleId, code],
  );
  const byKey = new Map<string, Map<ApplicationStatus, number>>();
  for (const r of rows) {
    const key = String(r.k);
    if (!byKey.has(key)) byKey.set(key, new Map());
    byKey.get(key)!.set(r.status, toNumber(r.n));
  }
  const keys = [...byKey.keys()].sort((a, b) => (byInstitution ? Number(a) - Number(b) : a.localeCompare(b)));
  const nameOf = byInstitution
    ? new Map(rows.flatMap((r) => (r.name ? [[String(r.k), r.name] as const] : [])))
    : await regionNames(ctx.ds, keys);
  return keys.map((key) => ({ code: key, name: nameOf.get(key) ?? key, ...summaryOf(byKey.get(key)!) }));
}

export async function countsOf(
  ctx: Context,
  cycleId: number,
  institutionId: number,
): Promise<Map<ApplicationStatus, number>> {
  const rows = await ctx.ds.getRepository(StatusCounter).find({ where: { cycleId, institutionId } });
  return new Map(rows.map((r) => [r.status, r.count]));
}
