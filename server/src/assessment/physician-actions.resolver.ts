import GraphQLUpload from "graphql-upload/GraphQLUpload.mjs";
import type { FileUpload } from "graphql-upload/processRequest.mjs";
import { Arg, Args, Authorized, Ctx, Int, Mutation, Resolver } from "type-graphql";
import { AttachmentView } from "../attachments/attachment.view";
import { attachmentView } from "../attachments/attachments.service";
import { Role } from "../common/auth";
import type { Context } from "../context";
import { AttachmentPurpose, ApplicationFormInput, ExemptionRequestInput, VersionArgs } from "./application.inputs";
import { applicationView } from "./application.mapping";
import {
  exemptionStep,
  removeAttachment,
  saveDraft,
  submit,
  uploadAttachment,
  type Purpose,
} from "./application.service";
import { ApplicationView } from "./application.view";
import { ExemptionAction, exemptionRolesFor, rolesFor, WorkflowAction } from "./workflow";

/** What the physician does with the own application: draft, submit, attachments, exemption request. */
@Resolver(() => ApplicationView)
export class PhysicianActionsResolver {
  @Authorized(...rolesFor(WorkflowAction.SUBMIT))
  @Mutation(() => ApplicationView, { description: "保存报名信息草稿（机构不可见） (save a draft)" })
  async saveApplicationDraft(@Arg("input") input: ApplicationFormInput, @Ctx() ctx: Context) {
    return applicationView(await saveDraft(ctx, input), true);
  }

  @Authorized(...rolesFor(WorkflowAction.SUBMIT))
  @Mutation(() => ApplicationView, {
    description: "提交报名（被驳回后可重新提交） (submit, or resubmit after a return)",
  })
  async submitApplication(
    @Arg("input") input: ApplicationFormInput,
    @Args() { expectedVersion }: VersionArgs,
    @Ctx() ctx: Context,
  ) {
    return applicationView(await submit(ctx, input, expectedVersion ?? null), true);
  }

  @Authorized(Role.PHYSICIAN)
  @Mutation(() => AttachmentView, {
    description: "上传申请附件（PDF/JPEG/PNG，按内容识别） (upload an attachment to the own application)",
  })
  async uploadApplicationAttachment(
    @Arg("purpose", () => AttachmentPurpose) purpose: AttachmentPurpose,
    @Arg("file", () => GraphQLUpload) file: Promise<FileUpload>,
    @Ctx() ctx: Context,
  ) {
    return attachmentView(ctx, await uploadAttachment(ctx, purpose as Purpose, file));
  }

  @Authorized(Role.PHYSICIAN)
  @Mutation(() => Boolean, { description: "删除尚未提交审核的附件 (remove an attachment not yet under review)" })
  async removeApplicationAttachment(@Arg("attachmentId", () => Int) attachmentId: number, @Ctx() ctx: Context) {
    await removeAttachment(ctx, attachmentId);
    return true;
  }

  @Authorized(...exemptionRolesFor(ExemptionAction.REQUEST_EXEMPTION))
  @Mutation(() => ApplicationView, {
    description: "申请免考（须先上传证明材料）：简易程序免医学人文测评，一般程序免业务水平测评 (request an exemption)",
  })
  async requestExemption(
    @Arg("input") input: ExemptionRequestInput,
    @Args() { expectedVersion }: VersionArgs,
    @Ctx() ctx: Context,
  ) {
    return applicationView(
      await exemptionStep(ctx, ExemptionAction.REQUEST_EXEMPTION, null, {
        reason: input.reason,
        note: input.note,
        expectedVersion,
      }),
      true,
    );
  }
}
