import { Field, Float, Int, ObjectType } from "type-graphql";
import type { EntityManager } from "typeorm";
import { toNumber } from "../db/raw";
import { Application } from "./application.entity";
import { Procedure } from "./procedure";
import { StatusCounter } from "./status-counter.entity";
import { ApplicationStatus, ExemptionStatus, INSTITUTION_REVIEW_STATUSES } from "./workflow";

@ObjectType({ description: "待处理任务数 (pending tasks of an institution)" })
export class PendingTasks {
  @Field(() => Int, { description: "简易程序待审核 (simple-procedure applications waiting for review)" })
  simpleReviews: number;

  @Field(() => Int, { description: "一般程序待审核 (general-procedure applications waiting for review)" })
  generalReviews: number;

  @Field(() => Int, { description: "免考待审核 (exemption requests waiting for review)" })
  exemptionReviews: number;
}

@ObjectType({
  description: "考核进度完成率 (completion: share of enrolled physicians with a final result)",
  simpleResolvers: true,
})
export class CompletionSummary {
  @Field(() => Int, { description: "已确认参加人数 (enrolled physicians)" })
  enrolled: number;

  @Field(() => Int, { description: "已有最终结果人数 (with a final result)" })
  finished: number;

  @Field(() => Int, { description: "合格人数 (qualified)" })
  qualified: number;

  @Field(() => Int, { description: "不合格人数 (unqualified)" })
  unqualified: number;

  @Field(() => Float, { description: "完成率 0–1 (finished / enrolled; 0 when nobody is enrolled)" })
  rate: number;
}

/** Counts per status of one institution, read from the maintained counters. */
export async function institutionStatusCounts(
  em: EntityManager,
  cycleId: number,
  institutionId: number,
): Promise<Map<ApplicationStatus, number>> {
  const rows = await em.find(StatusCounter, { where: { cycleId, institutionId } });
  return new Map(rows.map((r) => [r.status, r.count]));
}

/** The home page's 待处理任务: reviews waiting at the institution, by procedure, plus exemption reviews. */
export async function pendingTasks(em: EntityManager, cycleId: number, institutionId: number): Promise<PendingTasks> {
  const rows: { procedure: Procedure | null; n: unknown }[] = await em
    .createQueryBuilder(Application, "a")
    .select("a.procedure", "procedure")
    .addSelect("COUNT(*)", "n")
    .where("a.cycleId = :cycleId AND a.institutionId = :institutionId", { cycleId, institutionId })
    .andWhere("a.status IN (:...statuses)", { statuses: INSTITUTION_REVIEW_STATUSES })
    .groupBy("a.procedure")
    .getRawMany();
  const exemptionReviews = await em.countBy(Application, {
    cycleId,
    institutionId,
    exemptionStatus: ExemptionStatus.AWAITING_INSTITUTION,
  });
  const by = (p: Procedure) => toNumber(rows.find((r) => r.procedure === p)?.n);
  return { simpleReviews: by(Procedure.SIMPLE), generalReviews: by(Procedure.GENERAL), exemptionReviews };
}
