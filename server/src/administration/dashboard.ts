import { Field, Int, ObjectType } from "type-graphql";
import { regionFilterOf } from "../common/access";
import { requirePrincipal } from "../common/auth";
import { forbidden, invalidState } from "../common/errors";
import type { Context } from "../context";
import { toNumber } from "../db/raw";
import { readStatement } from "../db/read-statement";
import { rawColumns } from "../db/raw-select";
import { ShapedQuery } from "../db/shaped-query";
import { CheatingVerdict, TestAttempt } from "../exams/test-attempt.entity";
import {
  AaApplicationStatus,
  AssessmentInstitutionApplication,
} from "../institutions/assessment-institution-application.entity";
import { Institution } from "../institutions/institution.entity";
import { resolveCycleId } from "../assessment/application-list";
import { ProgressSummary, regionProgress, RegionGrouping, RegionProgressRow, summaryOf } from "../assessment/progress";
import { ApplicationStatus } from "../assessment/workflow";
import { Region, RegionLevel, levelOfCode, regionPrefix } from "../regions/region.entity";

@ObjectType({ description: "辖区待办 (what waits for the administration in the region shown)", simpleResolvers: true })
export class AdministrationWaiting {
  @Field(() => Int, { description: "待确认补考人数（省级确认） (applications waiting for make-up confirmation)" })
  makeupConfirmations: number;

  @Field(() => Int, { description: "待认定的疑似作弊测评（省级认定） (suspected attempts without a verdict)" })
  suspectedAttempts: number;

  @Field(() => Int, { description: "待审批的考核机构申请 (pending applications to become an assessment institution)" })
  aaApplications: number;
}

@ObjectType({
  description: "卫生行政部门首页：辖区考核进度，可逐级下钻 (an administration's dashboard of one region)",
  simpleResolvers: true,
})
export class AdministrationDashboard {
  @Field(() => Int, { description: "统计的考核周期 (cycle counted)" }) cycleId: number;
  @Field(() => Region, { description: "当前查看的地区 (the region shown)" }) region: Region;
  @Field(() => [Region], {
    description: "从本部门辖区到当前地区的层级，供面包屑返回 (from the caller's region down to the region shown)",
  })
  trail: Region[];
  @Field(() => ProgressSummary, { description: "当前地区合计 (the region's totals)" }) summary: ProgressSummary;
  @Field(() => RegionGrouping, { description: "下一级的粒度：市、县（区）或机构 (level of the rows below)" })
  childLevel: RegionGrouping;
  @Field(() => [RegionProgressRow], {
    description: "下一级各地区或各机构的进度 (progress of each sub-region or institution)",
  })
  children: RegionProgressRow[];
  @Field(() => AdministrationWaiting, {
    description: "本辖区等待处理的事项 (what waits for this administration in its region)",
  })
  waiting: AdministrationWaiting;
}

const CHILD: Record<RegionLevel, RegionGrouping> = {
  PROVINCE: RegionGrouping.CITY,
  CITY: RegionGrouping.COUNTY,
  COUNTY: RegionGrouping.INSTITUTION,
};
const INSTITUTION_COLUMN: Record<RegionLevel, "provinceCode" | "cityCode" | "countyCode"> = {
  PROVINCE: "provinceCode",
  CITY: "cityCode",
  COUNTY: "countyCode",
};

const REGION_COLUMNS = ["code", "name", "level", "parentCode"] as const;

/** The region codes from `code`'s province down to `code` itself. */
function ancestry(code: string): string[] {
  const level = levelOfCode(code);
  const codes = [`${code.slice(0, 2)}0000`];
  if (level !== RegionLevel.PROVINCE) codes.push(`${code.slice(0, 4)}00`);
  if (level === RegionLevel.COUNTY) codes.push(code);
  return codes;
}

/**
 * One region of the caller's jurisdiction (its own by default): totals, the rows one level down and
 * what waits there. Counts come from the maintained counters; a region outside the jurisdiction is refused.
 */
export async function administrationDashboard(
  ctx: Context,
  regionCode: string | null,
  cycleIdArg: number | null,
): Promise<AdministrationDashboard> {
  const p = requirePrincipal(ctx);
  const scope = regionFilterOf(p);
  if (!scope || !p.regionLevel || !p.regionCode) throw forbidden();
  const code = regionCode?.trim() || p.regionCode;
  const own = regionPrefix(p.regionCode, p.regionLevel);
  if (!/^\d{6}$/.test(code) || !code.startsWith(own)) throw forbidden("只能查看本辖区内的地区");
  const codes = ancestry(code);
  const r = rawColumns(ctx.ds, Region, "r", REGION_COLUMNS);
  const regions = (
    await readStatement(
      ctx.ds,
      `SELECT ${r.select} FROM region r WHERE r.code IN (${codes.map(() => "?").join(", ")})`,
      codes,
    )
  ).map((row) => r.hydrate(row)!);
  const byCode = new Map(regions.map((r) => [r.code, r]));
  const region = byCode.get(code);
  if (!region) throw forbidden("只能查看本辖区内的地区");
  const ownDepth = ancestry(p.regionCode).length;
  const trail = codes.slice(ownDepth - 1).map((c) => byCode.get(c)!);

  const cycleId = await resolveCycleId(ctx, cycleIdArg);
  if (!cycleId) throw invalidState("当前没有进行中的考核周期");
  const childLevel = CHILD[region.level];
  const children = await regionProgress(ctx, { groupBy: childLevel, regionCode: code, cycleId }, cycleId);
  const totals = new Map<ApplicationStatus, number>();
  for (const row of children)
    for (const c of row.statusCounts) totals.set(c.status, (totals.get(c.status) ?? 0) + c.count);
  const summary = summaryOf(totals);

  const column = INSTITUTION_COLUMN[region.level];
  // Both counts as statements built once per region level (db/shaped-query.ts), not by the query builder each time.
  const suspected = await new ShapedQuery(ctx.ds, TestAttempt, "t")
    .innerJoin(Institution, "i", "i.id = t.institutionId")
    .andWhere("t.cycleId = :cycleId AND t.suspected = :yes AND t.verdict = :none", {
      cycleId,
      yes: true,
      none: CheatingVerdict.NONE,
    })
    .andWhere(`i.${column} = :code`, { code })
    .count();
  const aa = await new ShapedQuery(ctx.ds, AssessmentInstitutionApplication, "a")
    .innerJoin(Institution, "i", "i.id = a.institutionId")
    .andWhere("a.status = :pending", { pending: AaApplicationStatus.PENDING })
    .andWhere(`i.${column} = :code`, { code })
    .count();

  return {
    cycleId,
    region,
    trail,
    summary,
    childLevel,
    children,
    waiting: {
      makeupConfirmations: toNumber(totals.get(ApplicationStatus.AWAITING_MAKEUP_CONFIRMATION) ?? 0),
      suspectedAttempts: suspected,
      aaApplications: aa,
    },
  };
}
