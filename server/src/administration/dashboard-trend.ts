import { Field, Int, ObjectType } from "type-graphql";
import { Application } from "../assessment/application.entity";
import { ApplicationEvent } from "../assessment/application-event.entity";
import { AssessmentCycle, todayInChina } from "../assessment/cycle.entity";
import { WorkflowAction } from "../assessment/workflow";
import type { Context } from "../context";
import { sqlTime, toNumber } from "../db/raw";
import { Institution } from "../institutions/institution.entity";
import { levelOfCode, RegionLevel } from "../regions/region.entity";

@ObjectType({ description: "辖区某一天的报名提交与测评结果数 (one day of the region's trend)" })
export class DashboardTrendPoint {
  @Field({ description: "日期 YYYY-MM-DD（北京时间） (day, China Standard Time)" }) day: string;
  @Field(() => Int, { description: "当天医师提交报名的次数（含被退回后重新提交） (submissions that day)" })
  submissions: number;
  @Field(() => Int, { description: "当天录入的测评结果数（含补考） (test results recorded that day)" })
  results: number;
}

const SUBMIT = [WorkflowAction.SUBMIT];
const RESULT = [WorkflowAction.RECORD_TEST_RESULT, WorkflowAction.RECORD_MAKEUP_RESULT];
const COLUMN: Record<RegionLevel, string> = { PROVINCE: "provinceCode", CITY: "cityCode", COUNTY: "countyCode" };
const DAY_MS = 24 * 3600_000;

/** The day (China Standard Time) of a timestamp column, as 'YYYY-MM-DD' text in either database. */
const dayOf = (ctx: Context, column: string) =>
  ctx.ds.options.type === "better-sqlite3"
    ? `strftime('%Y-%m-%d', ${column}, '+8 hours')`
    : `DATE_FORMAT(DATE_ADD(${column}, INTERVAL 8 HOUR), '%Y-%m-%d')`;

/**
 * Submissions and recorded results per day in `regionCode`, from the cycle's first day to today (or its last
 * day), every day present so the line has no gaps. Read from the timeline (application_event by action and
 * time: the index keeps it to the counted rows), grouped in the database.
 */
export async function dashboardTrend(
  ctx: Context,
  cycleId: number,
  regionCode: string,
): Promise<DashboardTrendPoint[]> {
  const cycle = await ctx.ds.getRepository(AssessmentCycle).findOneByOrFail({ id: cycleId });
  const today = todayInChina();
  const last = cycle.endDate < today ? cycle.endDate : today;
  if (last < cycle.startDate) return [];
  // The cycle's first day begins at 00:00 in China, 16:00 UTC the day before.
  const from = new Date(Date.parse(`${cycle.startDate}T00:00:00Z`) - 8 * 3600_000);
  const day = dayOf(ctx, "e.at");
  const rows: { day: string; action: string; n: unknown }[] = await ctx.ds
    .getRepository(ApplicationEvent)
    .createQueryBuilder("e")
    .innerJoin(Application, "a", "a.id = e.applicationId")
    .innerJoin(Institution, "i", "i.id = a.institutionId")
    .select(day, "day")
    .addSelect("e.action", "action")
    .addSelect("COUNT(*)", "n")
    .where("e.action IN (:...actions)", { actions: [...SUBMIT, ...RESULT] })
    .andWhere("e.at >= :from", { from: sqlTime(ctx.ds, from) })
    .andWhere("a.cycleId = :cycleId", { cycleId })
    .andWhere(`i.${COLUMN[levelOfCode(regionCode)]} = :regionCode`, { regionCode })
    .groupBy(day)
    .addGroupBy("e.action")
    .getRawMany();
  const byDay = new Map<string, DashboardTrendPoint>();
  for (let t = Date.parse(`${cycle.startDate}T00:00:00Z`); ; t += DAY_MS) {
    const d = new Date(t).toISOString().slice(0, 10);
    if (d > last) break;
    byDay.set(d, { day: d, submissions: 0, results: 0 });
  }
  for (const r of rows) {
    const point = byDay.get(r.day);
    if (!point) continue;
    if ((SUBMIT as string[]).includes(r.action)) point.submissions += toNumber(r.n);
    else point.results += toNumber(r.n);
  }
  return [...byDay.values()];
}
