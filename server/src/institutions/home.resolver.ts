import { Arg, Authorized, Ctx, Field, Int, Mutation, ObjectType, Query, Resolver } from "type-graphql";
import { AssessmentCycle, CycleNoticeAck } from "../assessment/cycle.entity";
import { currentCycle } from "../assessment/cycle.service";
import { completionOf } from "../assessment/completion";
import { CompletionSummary, institutionStatusCounts, PendingTasks, pendingTasks } from "../assessment/counts";
import { Role, requirePrincipal } from "../common/auth";
import { notFound } from "../common/errors";
import type { Context } from "../context";
import { HealthAdministration } from "../regions/health-administration.entity";
import { Institution } from "./institution.entity";
import { OrganizationContact } from "./institution.resolver";
import { ownInstitution } from "./institution.service";

@ObjectType({ description: "机构首页数据 (everything the institution home page shows, in one query)" })
class InstitutionHome {
  @Field(() => Institution, { description: "本机构 (the institution)" })
  institution: Institution;

  @Field(() => AssessmentCycle, {
    nullable: true,
    description: "当前考核周期及考核时间安排 (current cycle and its schedule)",
  })
  cycle: AssessmentCycle | null;

  @Field({
    description: "本周期的考核周期告知是否已确认；未确认时首页弹出告知栏 (whether the cycle notice was confirmed)",
  })
  noticeConfirmed: boolean;

  @Field(() => PendingTasks, { description: "待处理任务 (pending tasks)" })
  pendingTasks: PendingTasks;

  @Field(() => CompletionSummary, { description: "考核进度完成率 (completion)" })
  completion: CompletionSummary;

  @Field(() => OrganizationContact, {
    nullable: true,
    description: "考核机构联系方式 (assessment institution contact)",
  })
  assessmentInstitution: OrganizationContact | null;

  @Field(() => OrganizationContact, {
    nullable: true,
    description: "上级卫生行政部门联系方式 (superior administration contact)",
  })
  superiorAdministration: OrganizationContact | null;
}

const contactOf = (
  o: { name: string; contactPerson: string; contactPhone: string } | null,
): OrganizationContact | null =>
  o ? { name: o.name, contactPerson: o.contactPerson, contactPhone: o.contactPhone } : null;

@Resolver()
export class HomeResolver {
  @Authorized(Role.INSTITUTION)
  @Query(() => InstitutionHome, { description: "机构首页 (institution home page data)" })
  async institutionHome(@Ctx() ctx: Context): Promise<InstitutionHome> {
    const p = requirePrincipal(ctx);
    const em = ctx.ds.manager;
    const institution = await ownInstitution(ctx);
    const cycle = await currentCycle(em, institution.provinceCode);
    const [ack, counts, pending, assessor, superior] = await Promise.all([
      cycle ? em.findOneBy(CycleNoticeAck, { accountId: p.id, cycleId: cycle.id }) : null,
      cycle ? institutionStatusCounts(em, cycle.id, institution.id) : new Map(),
      cycle ? pendingTasks(em, cycle.id, institution.id) : { simpleReviews: 0, generalReviews: 0, exemptionReviews: 0 },
      institution.assessmentInstitutionId
        ? em.findOneBy(Institution, { id: institution.assessmentInstitutionId })
        : null,
      institution.superiorAdminId ? em.findOneBy(HealthAdministration, { id: institution.superiorAdminId }) : null,
    ]);
    return {
      institution,
      cycle,
      noticeConfirmed: !cycle || !!ack,
      pendingTasks: pending,
      completion: completionOf(counts),
      assessmentInstitution: contactOf(assessor),
      superiorAdministration: contactOf(superior),
    };
  }

  @Authorized()
  @Mutation(() => Boolean, { description: "确认考核周期告知（去确认），本周期内不再提示 (confirm the cycle notice)" })
  async confirmCycleNotice(@Arg("cycleId", () => Int) cycleId: number, @Ctx() ctx: Context): Promise<boolean> {
    const p = requirePrincipal(ctx);
    const cycle = await ctx.ds.getRepository(AssessmentCycle).findOneBy({ id: cycleId });
    if (!cycle) throw notFound("考核周期");
    await ctx.ds
      .getRepository(CycleNoticeAck)
      .createQueryBuilder()
      .insert()
      .values({ accountId: p.id, cycleId, at: new Date() })
      .orIgnore()
      .execute();
    return true;
  }
}
