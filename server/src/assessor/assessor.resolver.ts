import { Arg, Authorized, Ctx, Field, Int, Mutation, ObjectType, Resolver } from "type-graphql";
import { Role } from "../common/auth";
import type { Context } from "../context";
import { reReviewMany } from "./batch-rereview";

@ObjectType("ReReviewOutcome", {
  description: "批量复核中单份申请的结果 (one application's outcome in a batch re-review)",
})
class ReReviewOutcomeView {
  @Field(() => Int) applicationId: number;
  @Field({ description: "是否成功 (succeeded)" }) ok: boolean;
  @Field(() => String, { nullable: true, description: "失败时的错误码 (error code when refused)" }) code: string | null;
  @Field(() => String, { nullable: true, description: "失败原因 (why refused)" }) message: string | null;
  @Field(() => String, { nullable: true, description: "复核后的状态 (status label after)" }) statusLabel: string | null;
}

@ObjectType({ description: "批量复核通过结果 (result of a batch re-review)" })
class BatchReReviewResult {
  @Field(() => Int, { description: "通过份数 (approved)" }) succeeded: number;
  @Field(() => Int, { description: "未通过份数 (refused)" }) failed: number;
  @Field(() => [ReReviewOutcomeView], { description: "每份申请的结果，按提交顺序 (in request order)" })
  outcomes: ReReviewOutcomeView[];
}

@Resolver()
export class AssessorResolver {
  @Authorized(Role.ASSESSMENT_INSTITUTION)
  @Mutation(() => BatchReReviewResult, {
    description:
      "考核机构批量复核通过：逐份执行复核通过，机构评定含不合格项的申请须逐份复核；每份给出结果 (batch re-review approve)",
  })
  async reReviewApplications(
    @Arg("ids", () => [Int], { description: "申请 (applications), 最多 100" }) ids: number[],
    @Arg("opinion", { defaultValue: "", description: "复核意见，默认“复核通过” (opinion)" }) opinion: string,
    @Ctx() ctx: Context,
  ): Promise<BatchReReviewResult> {
    const outcomes = await reReviewMany(ctx, ids, opinion);
    const succeeded = outcomes.filter((o) => o.ok).length;
    return { succeeded, failed: outcomes.length - succeeded, outcomes };
  }
}
