import { Arg, Args, Authorized, Ctx, Int, Mutation, Resolver } from "type-graphql";
import type { Context } from "../context";
import { InstitutionApprovalInput, VersionArgs } from "./application.inputs";
import { applicationView } from "./application.mapping";
import {
  addOtherOpinion,
  approveByInstitution,
  changeOtherOpinion,
  exemptionStep,
  rejectByInstitution,
} from "./application.service";
import { ApplicationView } from "./application.view";
import { ExemptionAction, exemptionRolesFor, ReturnSection, rolesFor, WorkflowAction } from "./workflow";

/** The physician's institution reviews: approve with ratings, reject, other sites' opinions, exemptions. */
@Resolver(() => ApplicationView)
export class InstitutionReviewResolver {
  @Authorized(...rolesFor(WorkflowAction.APPROVE))
  @Mutation(() => ApplicationView, {
    description:
      "审核通过（提交至考核机构复核）：评定工作成绩、职业道德等，任一项不合格即不合格 (approve with ratings)",
  })
  async approveApplication(
    @Arg("id", () => Int) id: number,
    @Arg("input") input: InstitutionApprovalInput,
    @Args() { expectedVersion }: VersionArgs,
    @Ctx() ctx: Context,
  ) {
    return applicationView(
      await approveByInstitution(ctx, id, input.ratings, input.opinion, expectedVersion ?? null),
      true,
    );
  }

  @Authorized(...rolesFor(WorkflowAction.REJECT))
  @Mutation(() => ApplicationView, { description: "驳回至医师，须填写理由 (return to the physician with a reason)" })
  async rejectApplication(
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
    return applicationView(await rejectByInstitution(ctx, id, reason, expectedVersion ?? null, sections), true);
  }

  @Authorized(...rolesFor(WorkflowAction.ADD_OPINION))
  @Mutation(() => ApplicationView, {
    description: "新增其他执业机构意见（多机构执业） (add another practice site's opinion)",
  })
  async addOtherInstitutionOpinion(
    @Arg("id", () => Int) id: number,
    @Arg("institutionName") institutionName: string,
    @Arg("opinion") opinion: string,
    @Args() { expectedVersion }: VersionArgs,
    @Ctx() ctx: Context,
  ) {
    return applicationView(await addOtherOpinion(ctx, id, institutionName, opinion, expectedVersion ?? null), true);
  }

  @Authorized(...rolesFor(WorkflowAction.UPDATE_OPINION))
  @Mutation(() => ApplicationView, {
    description: "修改其他执业机构意见（本机构审核环节内），记入时间线 (change another practice site's opinion)",
  })
  async updateOtherInstitutionOpinion(
    @Arg("opinionId", () => Int, { description: "意见 ID (opinion id)" }) opinionId: number,
    @Arg("institutionName") institutionName: string,
    @Arg("opinion") opinion: string,
    @Args() { expectedVersion }: VersionArgs,
    @Ctx() ctx: Context,
  ) {
    return applicationView(
      await changeOtherOpinion(ctx, opinionId, { institutionName, opinion }, expectedVersion ?? null),
      true,
    );
  }

  @Authorized(...rolesFor(WorkflowAction.REMOVE_OPINION))
  @Mutation(() => ApplicationView, {
    description: "删除其他执业机构意见（本机构审核环节内），记入时间线 (remove another practice site's opinion)",
  })
  async removeOtherInstitutionOpinion(
    @Arg("opinionId", () => Int, { description: "意见 ID (opinion id)" }) opinionId: number,
    @Args() { expectedVersion }: VersionArgs,
    @Ctx() ctx: Context,
  ) {
    return applicationView(await changeOtherOpinion(ctx, opinionId, null, expectedVersion ?? null), true);
  }

  @Authorized(...exemptionRolesFor(ExemptionAction.APPROVE_EXEMPTION))
  @Mutation(() => ApplicationView, { description: "免考审核通过（提交考核机构复核） (approve an exemption)" })
  async approveExemption(
    @Arg("id", () => Int) id: number,
    @Args() { expectedVersion }: VersionArgs,
    @Ctx() ctx: Context,
  ) {
    return applicationView(await exemptionStep(ctx, ExemptionAction.APPROVE_EXEMPTION, id, { expectedVersion }), true);
  }

  @Authorized(...exemptionRolesFor(ExemptionAction.REJECT_EXEMPTION))
  @Mutation(() => ApplicationView, { description: "免考审核驳回，须填写理由；医师可重新申请 (reject an exemption)" })
  async rejectExemption(
    @Arg("id", () => Int) id: number,
    @Arg("reason") reason: string,
    @Args() { expectedVersion }: VersionArgs,
    @Ctx() ctx: Context,
  ) {
    return applicationView(
      await exemptionStep(ctx, ExemptionAction.REJECT_EXEMPTION, id, { reason, expectedVersion }),
      true,
    );
  }
}
