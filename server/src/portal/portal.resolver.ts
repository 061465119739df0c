import { Arg, Args, Authorized, Ctx, Int, Mutation, Query, Resolver } from "type-graphql";
import { applicationView } from "../assessment/application.mapping";
import { ApplicationFormInput } from "../assessment/application.inputs";
import { myRequirements } from "../assessment/application.service";
import { Role } from "../common/auth";
import { PageArgs } from "../common/pagination";
import type { Context } from "../context";
import { physicianDetail } from "../physicians/roster.service";
import { detailOf } from "../physicians/physician.resolver";
import { PhysicianDetail } from "../physicians/physician.view";
import {
  markMessagesRead,
  myMessages,
  portalHome,
  simpleProcedureEligibility,
  updateMyProfile,
} from "./portal.service";
import {
  MyProfileInput,
  PortalHome,
  PortalMessagePage,
  SimpleProcedureEligibility,
  SubmissionRequirements,
} from "./portal.views";

/** 医师个人端: what the physician's own pages need beyond the application operations. */
@Resolver()
export class PortalResolver {
  @Authorized(Role.PHYSICIAN)
  @Query(() => PortalHome, {
    description:
      "医师个人端首页：当前周期与阶段、申请状态、下一步、机构联系方式、驳回理由、未读消息数 (the physician's home)",
  })
  async portalHome(@Ctx() ctx: Context): Promise<PortalHome> {
    const home = await portalHome(ctx);
    return { ...home, application: home.application ? applicationView(home.application, true) : null };
  }

  @Authorized(Role.PHYSICIAN)
  @Query(() => PortalMessagePage, { description: "我的消息（最新在前，含已读标记） (the physician's messages)" })
  myMessages(
    @Args() page: PageArgs,
    @Arg("unreadOnly", { defaultValue: false, description: "只看未读 (unread only)" }) unreadOnly: boolean,
    @Ctx() ctx: Context,
  ) {
    return myMessages(ctx, page, unreadOnly);
  }

  @Authorized(Role.PHYSICIAN)
  @Mutation(() => Int, {
    description: "标记消息已读（不传 ids 时全部标记），返回剩余未读数 (mark messages read; returns the unread count)",
  })
  markMessagesRead(
    @Arg("ids", () => [Int], { nullable: true, description: "消息 ID；不传则全部 (ids; all when omitted)" })
    ids: number[] | null,
    @Ctx() ctx: Context,
  ) {
    return markMessagesRead(ctx, ids ?? null);
  }

  @Authorized(Role.PHYSICIAN)
  @Query(() => SimpleProcedureEligibility, {
    description: "本人是否适用简易程序（按本周期规则与所填良好/不良行为记录） (simple-procedure eligibility check)",
  })
  simpleProcedureEligibility(
    @Arg("hasGoodRecord", { description: "本周期有良好行为记录 (good record)" }) hasGoodRecord: boolean,
    @Arg("hasBadRecord", { description: "本周期有不良行为记录 (bad record)" }) hasBadRecord: boolean,
    @Ctx() ctx: Context,
  ) {
    return simpleProcedureEligibility(ctx, hasGoodRecord, hasBadRecord);
  }

  @Authorized(Role.PHYSICIAN)
  @Query(() => SubmissionRequirements, {
    description:
      "按所填内容，提交报名还缺什么（与 submitApplication 的校验同一代码） (what submitting this form would still lack)",
  })
  submissionRequirements(@Arg("input") input: ApplicationFormInput, @Ctx() ctx: Context) {
    return myRequirements(ctx, input);
  }

  @Authorized(Role.PHYSICIAN)
  @Query(() => PhysicianDetail, { description: "本人的个人信息与执业信息 (the physician's own record)" })
  async myProfile(@Ctx() ctx: Context): Promise<PhysicianDetail> {
    return detailOf(await physicianDetail(ctx, ctx.principal!.physicianId!));
  }

  @Authorized(Role.PHYSICIAN)
  @Mutation(() => PhysicianDetail, {
    description: "修改本人维护的信息：手机号码、科室（所在机构启用的科室） (update the own phone and department)",
  })
  async updateMyProfile(
    @Arg("input") input: MyProfileInput,
    @Arg("expectedVersion", () => Int, { nullable: true }) expectedVersion: number | null,
    @Ctx() ctx: Context,
  ): Promise<PhysicianDetail> {
    const id = await updateMyProfile(ctx, input, expectedVersion ?? null);
    return detailOf(await physicianDetail(ctx, id));
  }
}
