import type { EntityManager } from "typeorm";
import { audit } from "../audit/audit";
import { Role, requirePrincipal, type Principal } from "../common/auth";
import { badInput, invalidState, notFound, stateChanged } from "../common/errors";
import type { Context } from "../context";
import { inTransaction } from "../db/transaction";
import type { PaperInput } from "./exams.service";
import { TestAttempt } from "./test-attempt.entity";
import { TestPaper } from "./test-paper.entity";

/**
 * 试卷维护: a paper is changed or removed only by whoever set it (its assessment institution, or the
 * province for papers it set), and only while no attempt refers to it — a score already given against a
 * pass mark must not change meaning. Another assessment institution's paper looks missing.
 */
async function ownPaper(em: EntityManager, p: Principal, id: number): Promise<TestPaper> {
  const paper = await em.findOneBy(TestPaper, { id });
  const mine =
    paper &&
    (p.roles.has(Role.ASSESSMENT_INSTITUTION)
      ? paper.createdByInstitutionId !== null && paper.createdByInstitutionId === p.institutionId
      : p.roles.has(Role.PROVINCIAL_ADMIN) && paper.createdByInstitutionId === null);
  if (!paper || !mine) throw notFound("试卷");
  return paper;
}

async function assertNoAttempt(em: EntityManager, paperId: number, doing: string) {
  if (await em.countBy(TestAttempt, { paperId }))
    throw invalidState(`该试卷已有测评记录，不能${doing}`, { reason: "PAPER_IN_USE" });
}

function checkWindow(input: Pick<PaperInput, "windowStart" | "windowEnd" | "passMark" | "fullMarks">) {
  if (input.windowEnd <= input.windowStart) throw badInput("截止时间须晚于开考时间", "windowEnd");
  if (input.passMark > input.fullMarks) throw badInput("合格分数线不能高于满分", "passMark");
}

export async function updatePaper(ctx: Context, id: number, input: Omit<PaperInput, "cycleId">): Promise<TestPaper> {
  const p = requirePrincipal(ctx);
  checkWindow(input);
  return inTransaction(ctx.ds, async (em) => {
    const paper = await ownPaper(em, p, id);
    await assertNoAttempt(em, id, "修改");
    const values = {
      name: input.name.trim(),
      kind: input.kind,
      windowStart: input.windowStart,
      windowEnd: input.windowEnd,
      passMark: input.passMark,
      fullMarks: input.fullMarks,
    };
    const r = await em.update(TestPaper, { id: paper.id }, values);
    if (r.affected !== 1) throw stateChanged();
    await audit(em, ctx, {
      action: "exam.paper.update",
      targetType: "TestPaper",
      targetId: paper.id,
      detail: { before: { ...paper, createdAt: undefined }, after: values },
    });
    return em.findOneByOrFail(TestPaper, { id: paper.id });
  });
}

export async function deletePaper(ctx: Context, id: number): Promise<boolean> {
  const p = requirePrincipal(ctx);
  return inTransaction(ctx.ds, async (em) => {
    const paper = await ownPaper(em, p, id);
    await assertNoAttempt(em, id, "删除");
    await em.delete(TestPaper, { id: paper.id });
    await audit(em, ctx, {
      action: "exam.paper.delete",
      targetType: "TestPaper",
      targetId: paper.id,
      detail: { name: paper.name },
    });
    return true;
  });
}
