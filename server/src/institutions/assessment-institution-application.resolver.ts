import { listCost, pagedCost } from "../common/query-limits";
import { IsInt, IsNotEmpty, Min } from "class-validator";
import GraphQLUpload from "graphql-upload/GraphQLUpload.mjs";
import type { FileUpload } from "graphql-upload/processRequest.mjs";
import {
  Arg,
  Args,
  Authorized,
  Ctx,
  Field,
  FieldResolver,
  InputType,
  Int,
  Mutation,
  Query,
  Resolver,
  Root,
} from "type-graphql";
import { Role } from "../common/auth";
import { LIMITS, MaxLengthOf } from "../common/rules";
import { PageArgs, PageOf } from "../common/pagination";
import { attachmentsOf } from "../attachments/attachment.loaders";
import { AttachmentView } from "../attachments/attachment.view";
import { attachmentView } from "../attachments/attachments.service";
import type { Context } from "../context";
import { AaApplicationStatus, AssessmentInstitutionApplication } from "./assessment-institution-application.entity";
import {
  AA_APPLICATION_OWNER,
  applyForAssessmentInstitution,
  decideAaApplication,
  listAaApplications,
  myAaApplications,
  setApplicationAllowed,
} from "./assessment-institution-application.service";
import { DecisionArgs } from "./decided-request";
import { Institution } from "./institution.entity";
import { institutionById } from "./institution.loaders";

@InputType({ description: "申请考核机构 (application to become an assessment institution)" })
class AaApplicationInput {
  @Field({ description: "申请说明 (statement)" })
  @IsNotEmpty({ message: "请填写申请说明" })
  @MaxLengthOf(LIMITS.aaApplicationNote)
  statement: string;

  @Field(() => Int, { description: "床位数 (beds)" })
  @IsInt({ message: "床位数必须是整数" })
  @Min(0, { message: "床位数不能为负数" })
  bedCount: number;

  @Field(() => Int, { description: "医师人数 (physicians)" })
  @IsInt({ message: "医师人数必须是整数" })
  @Min(0, { message: "医师人数不能为负数" })
  physicianCount: number;
}

const AaApplicationPage = PageOf(
  AssessmentInstitutionApplication,
  "AssessmentInstitutionApplicationPage",
  "申请考核机构分页列表",
);

@Resolver(() => AssessmentInstitutionApplication)
export class AssessmentInstitutionApplicationResolver {
  @Authorized(Role.INSTITUTION)
  @Mutation(() => AssessmentInstitutionApplication, {
    description:
      "申请成为考核机构，上传申请材料（PDF/JPEG/PNG） (apply to become an assessment institution, with files)",
  })
  applyForAssessmentInstitution(
    @Arg("input") input: AaApplicationInput,
    @Arg("files", () => [GraphQLUpload]) files: Promise<FileUpload>[],
    @Ctx() ctx: Context,
  ) {
    return applyForAssessmentInstitution(ctx, input, files);
  }

  @Authorized(Role.INSTITUTION)
  @Query(() => [AssessmentInstitutionApplication], { description: "本机构的考核机构申请记录 (own applications)" })
  myAssessmentInstitutionApplications(@Ctx() ctx: Context) {
    return myAaApplications(ctx);
  }

  @Authorized(Role.HEALTH_ADMIN)
  @Query(() => AaApplicationPage, {
    complexity: pagedCost,
    description: "辖区内的考核机构申请 (applications in the administration's region)",
  })
  assessmentInstitutionApplications(
    @Arg("status", () => AaApplicationStatus, { nullable: true }) status: AaApplicationStatus | null,
    @Args() page: PageArgs,
    @Ctx() ctx: Context,
  ) {
    return listAaApplications(ctx, status, page);
  }

  @Authorized(Role.HEALTH_ADMIN)
  @Mutation(() => AssessmentInstitutionApplication, {
    description:
      "审批考核机构申请：同意则该机构获得考核机构角色；驳回须填写理由 (approve or reject; a reason is required to reject)",
  })
  decideAssessmentInstitutionApplication(@Args() { id, approve, reason }: DecisionArgs, @Ctx() ctx: Context) {
    return decideAaApplication(ctx, id, approve, reason);
  }

  @Authorized(Role.HEALTH_ADMIN)
  @Mutation(() => Institution, {
    description: "开通或关闭机构申请考核机构的权限（主管卫生行政部门） (open or close an institution's right to apply)",
  })
  allowAssessmentInstitutionApplication(
    @Arg("institutionId", () => Int) institutionId: number,
    @Arg("allowed") allowed: boolean,
    @Ctx() ctx: Context,
  ) {
    return setApplicationAllowed(ctx, institutionId, allowed);
  }

  @FieldResolver(() => String, { description: "申请机构名称 (institution name)" })
  async institutionName(@Root() app: AssessmentInstitutionApplication, @Ctx() ctx: Context): Promise<string> {
    return (await ctx.loaders.get(institutionById).load(app.institutionId))?.name ?? "";
  }

  @FieldResolver(() => [AttachmentView], { complexity: listCost(5), description: "申请材料 (attached files)" })
  async attachments(@Root() app: AssessmentInstitutionApplication, @Ctx() ctx: Context): Promise<AttachmentView[]> {
    const rows = await ctx.loaders.get(attachmentsOf(AA_APPLICATION_OWNER)).load(app.id);
    return rows.map((a) => attachmentView(ctx, a));
  }
}
