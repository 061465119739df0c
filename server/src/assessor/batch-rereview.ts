import { reReview } from "../assessment/application.service";
import { Rating } from "../assessment/application.types";
import { applicationForParty } from "../assessment/transition.service";
import { Party, STATUS_INFO } from "../assessment/workflow";
import { Role, requirePrincipal } from "../common/auth";
import { AppError, badInput, forbidden, invalidState } from "../common/errors";
import type { Context } from "../context";

const MAX_BATCH_REREVIEW = 100;

export interface ReReviewOutcome {
  applicationId: number;
  ok: boolean;
  code: string | null;
  message: string | null;
  /** The status label after the row (when approved). */
  statusLabel: string | null;
}

/**
 * 批量复核通过: each application goes through the one re-review transition on its own (its own transaction,
 * version guard and timeline), so one refusal does not undo the others. An application the institution
 * rated 不合格 anywhere is left for a one-by-one look (it would end 不合格).
 */
export async function reReviewMany(ctx: Context, ids: number[], opinion: string): Promise<ReReviewOutcome[]> {
  const p = requirePrincipal(ctx);
  if (!p.roles.has(Role.ASSESSMENT_INSTITUTION)) throw forbidden();
  const unique = [...new Set(ids)];
  if (!unique.length) throw badInput("请选择要复核通过的申请", "ids");
  if (unique.length > MAX_BATCH_REREVIEW) throw badInput(`一次最多复核 ${MAX_BATCH_REREVIEW} 份申请`, "ids");
  const text = opinion.trim() || "复核通过";
  if (text.length > 500) throw badInput("复核意见不能超过500字", "opinion");
  const outcomes: ReReviewOutcome[] = [];
  for (const id of unique) {
    try {
      // Visibility first: another assessment institution's application is "missing", whatever its ratings.
      const { app: current } = await applicationForParty(ctx.ds.manager, p, id, Party.ASSESSOR);
      if (current.institutionReview?.ratings.some((r) => r.rating === Rating.UNQUALIFIED))
        throw invalidState("机构评定含不合格项，请逐份复核");
      const app = await reReview(ctx, id, true, text, null, null);
      outcomes.push({
        applicationId: id,
        ok: true,
        code: null,
        message: null,
        statusLabel: STATUS_INFO[app.status].label,
      });
    } catch (err) {
      if (!(err instanceof AppError)) throw err;
      outcomes.push({ applicationId: id, ok: false, code: err.code, message: err.message, statusLabel: null });
    }
  }
  return outcomes;
}
