import { Authorized, Ctx, Field, Int, ObjectType, Query, Resolver } from "type-graphql";
import { completionOf } from "../assessment/completion";
import { CompletionSummary } from "../assessment/counts";
import { AssessmentCycle } from "../assessment/cycle.entity";
import { currentCycle } from "../assessment/cycle.service";
import { ApplicationStatus } from "../assessment/workflow";
import { Role } from "../common/auth";
import type { Context } from "../context";
import { Institution } from "../institutions/institution.entity";
import { ownInstitution } from "../institutions/institution.service";
import { HealthAdministration } from "../regions/health-administration.entity";
import {
  administrationContacts,
  assessorQueueCounts,
  assignedCount,
  assignedStatusCounts,
  statusRows,
  type AssessorQueueCounts,
} from "./home";

@ObjectType({ description: "某状态的人数 (how many applications are in a status)" })
class AssessorStatusCount {
  @Field(() => ApplicationStatus) status: ApplicationStatus;
  @Field({ description: "状态名称 (label)" }) label: string;
  @Field(() => Int) count: number;
}

@ObjectType({ description: "等待考核机构处理的工作 (queues waiting on the assessment institution)" })
class AssessorQueues implements AssessorQueueCounts {
  @Field(() => Int, { description: "简易程序待复核 (simple-procedure applications awaiting re-review)" })
  simpleReReviews: number;
  @Field(() => Int, { description: "一般程序待复核 (general-procedure applications awaiting re-review)" })
  generalReReviews: number;
  @Field(() => Int, { description: "免考待复核 (exemptions awaiting re-review)" })
  exemptionReReviews: number;
  @Field(() => Int, { description: "待录入成绩：待参加考核、待参加补考 (results to record)" })
  resultsToRecord: number;
}

@ObjectType({ description: "考核机构首页 (everything the assessment institution's home page shows)" })
class AssessorHome {
  @Field(() => Institution, { description: "本考核机构 (the assessment institution itself)" })
  institution: Institution;

  @Field(() => AssessmentCycle, { nullable: true, description: "当前考核周期及考核时间安排 (current cycle)" })
  cycle: AssessmentCycle | null;

  @Field(() => Int, { description: "所负责的医疗卫生机构数 (institutions assigned to it)" })
  institutionCount: number;

  @Field(() => [AssessorStatusCount], {
    description: "所负责机构本周期各状态人数，按工作流顺序 (counts per status over its institutions)",
  })
  statusCounts: AssessorStatusCount[];

  @Field(() => CompletionSummary, { description: "所负责机构的完成率 (completion over its institutions)" })
  completion: CompletionSummary;

  @Field(() => AssessorQueues, { description: "待处理工作 (queues)" })
  queues: AssessorQueues;

  @Field(() => [HealthAdministration], {
    description: "卫生行政部门联系方式：上级卫生行政部门、省级卫生行政部门 (administration contacts)",
  })
  administrations: HealthAdministration[];
}

@Resolver()
export class AssessorHomeResolver {
  @Authorized(Role.ASSESSMENT_INSTITUTION)
  @Query(() => AssessorHome, { description: "考核机构首页 (assessment institution home page data)" })
  async assessorHome(@Ctx() ctx: Context): Promise<AssessorHome> {
    const em = ctx.ds.manager;
    // The signed-in assessment institution: every count below is over the institutions assigned to it.
    const institution = await ownInstitution(ctx);
    const cycle = await currentCycle(em, institution.provinceCode);
    const counts = cycle ? await assignedStatusCounts(em, cycle.id, institution.id) : new Map();
    const [institutionCount, queues, administrations] = await Promise.all([
      assignedCount(em, institution.id),
      cycle
        ? assessorQueueCounts(em, cycle.id, institution.id, counts)
        : { simpleReReviews: 0, generalReReviews: 0, exemptionReReviews: 0, resultsToRecord: 0 },
      administrationContacts(em, institution),
    ]);
    return {
      institution,
      cycle,
      institutionCount,
      statusCounts: statusRows(counts),
      completion: completionOf(counts),
      queues,
      administrations,
    };
  }
}
