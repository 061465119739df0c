import { Arg, Args, Authorized, Ctx, Int, Mutation, Resolver } from "type-graphql";
import type { Context } from "../context";
import { TestResultInput, VersionArgs } from "./application.inputs";
import { applicationView } from "./application.mapping";
import { exemptionStep, recordResult, reReview } from "./application.service";
import { ApplicationView } from "./application.view";
import { ExemptionAction, exemptionRolesFor, rolesFor, WorkflowAction } from "./workflow";

/** The assessment institution: re-review of applications and exemptions, test results. */
@Resolver(() => ApplicationView)
export class AssessorReviewResolver {
  @Authorized(...rolesFor(WorkflowAction.REREVIEW_APPROVE))
  @Mutation(() => ApplicationView, {
    description:
      "考核机构复核：通过（进入测评，或无需测评时直接得出结果）或驳回至医疗卫生机构（须填写理由） (re-review)",
  })
  async reReviewApplication(
    @Arg("id", () => Int) id: number,
    @Arg("approve") approve: boolean,
    @Arg("opinion", { defaultValue: "" }) opinion: string,
    @Arg("reason", () => String, { nullable: true }) reason: string | null,
    @Args() { expectedVersion }: VersionArgs,
    @Ctx() ctx: Context,
  ) {
    return applicationView(await reReview(ctx, id, approve, opinion, reason, expectedVersion ?? null), true);
  }

  @Authorized(...exemptionRolesFor(ExemptionAction.REREVIEW_EXEMPTION_APPROVE))
  @Mutation(() => ApplicationView, { description: "考核机构免考复核：通过或驳回（须填写理由） (exemption re-review)" })
  async reReviewExemption(
    @Arg("id", () => Int) id: number,
    @Arg("approve") approve: boolean,
    @Arg("reason", () => String, { nullable: true }) reason: string | null,
    @Args() { expectedVersion }: VersionArgs,
    @Ctx() ctx: Context,
  ) {
    const action = approve ? ExemptionAction.REREVIEW_EXEMPTION_APPROVE : ExemptionAction.REREVIEW_EXEMPTION_REJECT;
    return applicationView(await exemptionStep(ctx, action, id, { reason, expectedVersion }), true);
  }

  @Authorized(...rolesFor(WorkflowAction.RECORD_TEST_RESULT))
  @Mutation(() => ApplicationView, {
    description: "录入测评或补考结果（考核机构或测评系统） (record a test or make-up result)",
  })
  async recordTestResult(@Arg("input") input: TestResultInput, @Ctx() ctx: Context) {
    return applicationView(await recordResult(ctx, { ...input, score: input.score ?? null }), true);
  }
}
