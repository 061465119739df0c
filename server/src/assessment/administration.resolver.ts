import { Arg, Args, Authorized, Ctx, Int, Mutation, Resolver } from "type-graphql";
import type { Context } from "../context";
import { VersionArgs } from "./application.inputs";
import { applicationView } from "./application.mapping";
import { adminCancelEnrollment, adminReturn, decideMakeup } from "./application.service";
import { ApplicationView } from "./application.view";
import { ReturnSection, rolesFor, WorkflowAction } from "./workflow";

/** Health administrations: returns of reviewed applications, the province's make-up decision. */
@Resolver(() => ApplicationView)
export class AdministrationResolver {
  @Authorized(...rolesFor(WorkflowAction.ADMIN_RETURN))
  @Mutation(() => ApplicationView, {
    description:
      "卫生行政部门驳回已审核的申请至医师（撤销已审核的报名），须填写理由 (return an already reviewed application)",
  })
  async returnApplication(
    @Arg("id", () => Int) id: number,
    @Arg("reason") reason: string,
    @Arg("sections", () => [ReturnSection], {
      nullable: true,
      description: "驳回所涉的报名内容（选填），医师个人端在相应步骤旁显示理由 (sections the return concerns)",
    })
    sections: ReturnSection[] | null,
    @Args() { expectedVersion }: VersionArgs,
    @Ctx() ctx: Context,
  ) {
    return applicationView(await adminReturn(ctx, id, reason, expectedVersion ?? null, sections), true);
  }

  @Authorized(...rolesFor(WorkflowAction.ADMIN_CANCEL_ENROLLMENT))
  @Mutation(() => ApplicationView, {
    description:
      "卫生行政部门取消已通过机构审核、尚无测评结果的报名，须填写理由 (cancel a reviewed enrolment with no test result yet)",
  })
  async cancelEnrollmentByAdministration(
    @Arg("id", () => Int, { description: "考核申请 ID (application id)" }) id: number,
    @Arg("reason") reason: string,
    @Args() { expectedVersion }: VersionArgs,
    @Ctx() ctx: Context,
  ) {
    return applicationView(await adminCancelEnrollment(ctx, id, reason, expectedVersion ?? null), true);
  }

  @Authorized(...rolesFor(WorkflowAction.CONFIRM_MAKEUP))
  @Mutation(() => ApplicationView, {
    description: "省级卫生行政部门确认是否允许补考；不允许须填写理由，结果为不合格 (confirm or refuse a make-up test)",
  })
  async confirmMakeup(
    @Arg("id", () => Int) id: number,
    @Arg("allow") allow: boolean,
    @Arg("reason", () => String, { nullable: true }) reason: string | null,
    @Args() { expectedVersion }: VersionArgs,
    @Ctx() ctx: Context,
  ) {
    return applicationView(await decideMakeup(ctx, id, allow, reason, expectedVersion ?? null), true);
  }
}
