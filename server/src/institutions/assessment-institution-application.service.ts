import type { FileUpload } from "graphql-upload/processRequest.mjs";
import { audit } from "../audit/audit";
import { administers, scopeToVisibleInstitutions } from "../common/access";
import { requirePrincipal } from "../common/auth";
import { badInput, conflict, invalidState, notFound, stateChanged } from "../common/errors";
import { offsetOf, type Page, type PageArgs } from "../common/pagination";
import { receiveUpload, saveAttachment, type ReceivedFile } from "../attachments/attachments.service";
import type { Context } from "../context";
import { inTransaction } from "../db/transaction";
import { AaApplicationStatus, AssessmentInstitutionApplication } from "./assessment-institution-application.entity";
import { Institution } from "./institution.entity";

export const AA_APPLICATION_OWNER = "AA_APPLICATION";

export interface AaApplicationInput {
  statement: string;
  bedCount: number;
  physicianCount: number;
}

export async function applyForAssessmentInstitution(
  ctx: Context,
  input: AaApplicationInput,
  uploads: Promise<FileUpload>[],
): Promise<AssessmentInstitutionApplication> {
  const p = requirePrincipal(ctx);
  if (!uploads.length) throw badInput("请上传申请材料", "files");
  if (uploads.length > 10) throw badInput("申请材料最多上传 10 个文件", "files");
  const received: ReceivedFile[] = [];
  try {
    for (const upload of uploads) received.push(await receiveUpload(ctx, upload));
    return await inTransaction(ctx.ds, async (em) => {
      const inst = await em.findOneByOrFail(Institution, { id: p.institutionId! });
      if (inst.isAssessmentInstitution) throw invalidState("本机构已是考核机构，无需再次申请");
      if (!inst.assessmentApplicationAllowed)
        throw invalidState("主管卫生行政部门尚未开通本机构的申请权限，请先联系主管卫生行政部门");
      const pending = await em.countBy(AssessmentInstitutionApplication, {
        institutionId: inst.id,
        status: AaApplicationStatus.PENDING,
      });
      if (pending) throw conflict("已有一份待审批的申请，请等待卫生行政部门审批");
      const application = await em.save(
        em.create(AssessmentInstitutionApplication, {
          institutionId: inst.id,
          status: AaApplicationStatus.PENDING,
          statement: input.statement.trim(),
          bedCount: input.bedCount,
          physicianCount: input.physicianCount,
          submittedAt: new Date(),
          submittedByAccountId: p.id,
        }),
      );
      for (const file of received) {
        await saveAttachment(em, file, {
          ownerType: AA_APPLICATION_OWNER,
          ownerId: application.id,
          purpose: "MATERIAL",
          uploadedByAccountId: p.id,
        });
      }
      await audit(em, ctx, {
        action: "aa-application.submit",
        targetType: "AssessmentInstitutionApplication",
        targetId: application.id,
      });
      return application;
    });
  } catch (err) {
    await Promise.all(received.map((f) => ctx.storage.remove(f.key)));
    throw err;
  }
}

export async function myAaApplications(ctx: Context): Promise<AssessmentInstitutionApplication[]> {
  const p = requirePrincipal(ctx);
  return ctx.ds
    .getRepository(AssessmentInstitutionApplication)
    .find({ where: { institutionId: p.institutionId! }, order: { id: "DESC" } });
}

export async function listAaApplications(
  ctx: Context,
  status: AaApplicationStatus | null,
  page: PageArgs,
): Promise<Page<AssessmentInstitutionApplication>> {
  const qb = ctx.ds
    .getRepository(AssessmentInstitutionApplication)
    .createQueryBuilder("app")
    .innerJoin(Institution, "inst", "inst.id = app.institutionId");
  scopeToVisibleInstitutions(qb, requirePrincipal(ctx), "inst");
  if (status) qb.andWhere("app.status = :status", { status });
  const [items, total] = await qb.orderBy("app.id", "DESC").skip(offsetOf(page)).take(page.pageSize).getManyAndCount();
  return { items, total, page: page.page, pageSize: page.pageSize };
}

/** The health administration over the institution approves (granting the role) or rejects with a reason. */
export async function decideAaApplication(ctx: Context, id: number, approve: boolean, reason: string | null) {
  const p = requirePrincipal(ctx);
  const note = reason?.trim() || null;
  if (!approve && !note) throw badInput("驳回时请填写驳回理由", "reason");
  return inTransaction(ctx.ds, async (em) => {
    const application = await em.findOneBy(AssessmentInstitutionApplication, { id });
    const inst = application ? await em.findOneBy(Institution, { id: application.institutionId }) : null;
    if (!application || !inst || !administers(p, inst)) throw notFound("申请");
    if (application.status !== AaApplicationStatus.PENDING) throw invalidState("该申请已审批，不能重复操作");
    const status = approve ? AaApplicationStatus.APPROVED : AaApplicationStatus.REJECTED;
    const result = await em
      .createQueryBuilder()
      .update(AssessmentInstitutionApplication)
      .set({
        status,
        decidedAt: new Date(),
        decidedByAccountId: p.id,
        decisionReason: note,
        version: () => "version + 1",
      })
      .where("id = :id AND version = :version AND status = :pending", {
        id,
        version: application.version,
        pending: AaApplicationStatus.PENDING,
      })
      .execute();
    if (result.affected !== 1) throw stateChanged();
    if (approve)
      await em.update(Institution, { id: inst.id }, { isAssessmentInstitution: true, updatedAt: new Date() });
    await audit(em, ctx, {
      action: approve ? "aa-application.approve" : "aa-application.reject",
      targetType: "AssessmentInstitutionApplication",
      targetId: id,
      detail: { reason: note },
    });
    return em.findOneByOrFail(AssessmentInstitutionApplication, { id });
  });
}

/** 开通申请权限 (manual 2.2.4): the administration over an institution opens or closes its right to apply. */
export async function setApplicationAllowed(
  ctx: Context,
  institutionId: number,
  allowed: boolean,
): Promise<Institution> {
  const p = requirePrincipal(ctx);
  return inTransaction(ctx.ds, async (em) => {
    const inst = await em.findOneBy(Institution, { id: institutionId });
    if (!inst || !administers(p, inst)) throw notFound("机构");
    await em.update(Institution, { id: inst.id }, { assessmentApplicationAllowed: allowed, updatedAt: new Date() });
    await audit(em, ctx, {
      action: allowed ? "aa-application.allow" : "aa-application.disallow",
      targetType: "Institution",
      targetId: inst.id,
    });
    return em.findOneByOrFail(Institution, { id: inst.id });
  });
}
