import { GraphQLError } from "graphql";
import { ArrayMaxSize, ArrayMinSize, MaxLength, ValidateNested } from "class-validator";
import { Field, InputType, Int, ObjectType } from "type-graphql";
import { decideMakeup } from "../assessment/application.service";
import { ApplicationStatus, STATUS_INFO } from "../assessment/workflow";
import type { Context } from "../context";

export const MAKEUP_BATCH_MAX = 100;

@InputType({ description: "一条补考确认 (one make-up decision)" })
export class MakeupDecisionInput {
  @Field(() => Int, { description: "考核申请 ID (application id)" }) applicationId: number;
  @Field({ description: "是否允许补考 (allow the make-up test)" }) allow: boolean;
  @Field(() => String, { nullable: true, description: "不允许时必填的理由 (reason, required for a refusal)" })
  @MaxLength(500, { message: "理由不能超过 500 个字" })
  reason?: string | null;
  @Field(() => Int, { nullable: true, description: "列表中看到的版本，防止覆盖他人的操作 (version seen)" })
  expectedVersion?: number | null;
}

@InputType({ description: "批量补考确认 (a batch of make-up decisions)" })
export class MakeupBatchInput {
  @Field(() => [MakeupDecisionInput], { description: `1–${MAKEUP_BATCH_MAX} 条 (1–${MAKEUP_BATCH_MAX} decisions)` })
  @ArrayMinSize(1, { message: "请至少选择一名医师" })
  @ArrayMaxSize(MAKEUP_BATCH_MAX, { message: `一次最多确认 ${MAKEUP_BATCH_MAX} 名医师` })
  @ValidateNested({ each: true })
  decisions: MakeupDecisionInput[];
}

@ObjectType({ description: "一条补考确认的结果 (outcome of one decision)" })
export class MakeupOutcome {
  @Field(() => Int) applicationId: number;
  @Field({ description: "是否已生效 (applied)" }) ok: boolean;
  @Field(() => ApplicationStatus, { nullable: true, description: "生效后的状态 (status after)" })
  status: ApplicationStatus | null;
  @Field(() => String, { nullable: true, description: "状态名称 (status label)" }) statusLabel: string | null;
  @Field(() => String, { nullable: true, description: "未生效时的错误码 (error code when refused)" })
  code: string | null;
  @Field(() => String, { nullable: true, description: "未生效的原因 (why it was refused)" }) message: string | null;
}

/**
 * Each decision is its own transition (own transaction, own audit row, own version check): one row
 * refused leaves the others applied, and the answer says per row what happened.
 */
export async function decideMakeups(ctx: Context, input: MakeupBatchInput): Promise<MakeupOutcome[]> {
  const seen = new Set<number>();
  const out: MakeupOutcome[] = [];
  for (const d of input.decisions) {
    if (seen.has(d.applicationId)) {
      out.push(refused(d.applicationId, "BAD_USER_INPUT", "同一申请在本批中重复"));
      continue;
    }
    seen.add(d.applicationId);
    try {
      const app = await decideMakeup(ctx, d.applicationId, d.allow, d.reason ?? null, d.expectedVersion ?? null);
      out.push({
        applicationId: d.applicationId,
        ok: true,
        status: app.status,
        statusLabel: STATUS_INFO[app.status].label,
        code: null,
        message: null,
      });
    } catch (err) {
      const code = err instanceof GraphQLError ? err.extensions?.code : undefined;
      if (typeof code !== "string" || code === "SERVICE_UNAVAILABLE" || code === "INTERNAL_SERVER_ERROR") throw err;
      out.push(refused(d.applicationId, code, err instanceof GraphQLError ? err.message : ""));
    }
  }
  return out;
}

const refused = (applicationId: number, code: string, message: string): MakeupOutcome => ({
  applicationId,
  ok: false,
  status: null,
  statusLabel: null,
  code,
  message,
});
