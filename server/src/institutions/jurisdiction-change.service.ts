import { In, type EntityManager } from "typeorm";
import { adjustRegionCounters, type CounterDelta } from "../assessment/counters";
import { AssessmentCycle } from "../assessment/cycle.entity";
import type { ApplicationStatus } from "../assessment/workflow";
import { audit } from "../audit/audit";
import { requirePrincipal } from "../common/auth";
import { AppError, badInput, conflict, ErrorCode, invalidState, notFound, stateChanged } from "../common/errors";
import { offsetOf, type Page, type PageArgs } from "../common/pagination";
import type { Context } from "../context";
import { isSqlite } from "../db/data-source";
import { inTransaction } from "../db/transaction";
import { HealthAdministration } from "../regions/health-administration.entity";
import { Region, RegionLevel } from "../regions/region.entity";
import { Institution } from "./institution.entity";
import { lockInstitution } from "./institution-lock";
import { JurisdictionChangeRequest, JurisdictionChangeStatus } from "./jurisdiction-change.entity";

/** The message when an institution tries to set what only its administration sets. */
export const JURISDICTION_SET_BY_ADMINISTRATION =
  "所在地区、上级卫生行政部门和考核机构由卫生行政部门设定，本机构不能直接修改；如需变更请点击“申请变更”，由上级卫生行政部门审批";

export const jurisdictionLocked = (field: string) =>
  new AppError(ErrorCode.FORBIDDEN, JURISDICTION_SET_BY_ADMINISTRATION, { field });

/** A county of the province, with its city; refused with the reason otherwise. */
export async function countyInProvince(
  em: EntityManager,
  provinceCode: string,
  countyCode: string,
): Promise<{ county: Region; city: Region }> {
  const county = await em.findOneBy(Region, { code: countyCode.trim() });
  if (!county || county.level !== RegionLevel.COUNTY) throw badInput("所在地区应选择到县（区）", "countyCode");
  const city = county.parentCode ? await em.findOneBy(Region, { code: county.parentCode }) : null;
  if (!city || city.parentCode !== provinceCode) throw badInput("所在地区必须在本省范围内", "countyCode");
  return { county, city };
}

type Place = Pick<Institution, "provinceCode" | "cityCode" | "countyCode">;

const covers = (admin: HealthAdministration, place: Place) =>
  admin.regionCode ===
  {
    [RegionLevel.PROVINCE]: place.provinceCode,
    [RegionLevel.CITY]: place.cityCode,
    [RegionLevel.COUNTY]: place.countyCode,
  }[admin.level];

/** The nearest administration over a place: its county's, else its city's, else the province's. */
async function nearestAdministration(em: EntityManager, place: Place): Promise<HealthAdministration | null> {
  const admins = await em.findBy(HealthAdministration, {
    regionCode: In([place.countyCode, place.cityCode, place.provinceCode]),
  });
  const order = [RegionLevel.COUNTY, RegionLevel.CITY, RegionLevel.PROVINCE];
  return (
    admins.filter((a) => covers(a, place)).sort((a, b) => order.indexOf(a.level) - order.indexOf(b.level))[0] ?? null
  );
}

export interface JurisdictionChangeInput {
  countyCode?: string | null;
  superiorAdminId?: number | null;
  assessmentInstitutionId?: number | null;
  reason: string;
}

/**
 * 申请变更隶属关系: the institution names the county (and, if it knows them, the superior administration and the
 * assessment institution) it should belong to. What it leaves out is derived: the superior stays if it still
 * covers the new county, else the nearest administration there; the assessment institution stays. One pending
 * request at a time; its current superior decides.
 */
export async function requestJurisdictionChange(
  ctx: Context,
  input: JurisdictionChangeInput,
): Promise<JurisdictionChangeRequest> {
  const p = requirePrincipal(ctx);
  const reason = input.reason.trim();
  if (!reason) throw badInput("请填写申请理由", "reason");
  return inTransaction(ctx.ds, async (em) => {
    const inst = p.institutionId ? await em.findOneBy(Institution, { id: p.institutionId }) : null;
    if (!inst) throw notFound("机构");
    const pending = await em.countBy(JurisdictionChangeRequest, {
      institutionId: inst.id,
      status: JurisdictionChangeStatus.PENDING,
    });
    if (pending) throw conflict("已有一份待审批的变更申请，请等待上级卫生行政部门审批");
    const { county, city } = input.countyCode?.trim()
      ? await countyInProvince(em, inst.provinceCode, input.countyCode)
      : { county: { code: inst.countyCode }, city: { code: inst.cityCode } };
    const place: Place = { provinceCode: inst.provinceCode, cityCode: city.code, countyCode: county.code };

    let superior: HealthAdministration | null;
    if (input.superiorAdminId) {
      superior = await em.findOneBy(HealthAdministration, { id: input.superiorAdminId });
      if (!superior || !covers(superior, place))
        throw badInput("所选上级卫生行政部门不管辖变更后的所在地区", "superiorAdminId");
    } else {
      const current = inst.superiorAdminId
        ? await em.findOneBy(HealthAdministration, { id: inst.superiorAdminId })
        : null;
      superior = current && covers(current, place) ? current : await nearestAdministration(em, place);
    }
    let assessor = inst.assessmentInstitutionId;
    if (input.assessmentInstitutionId) {
      const ai = await em.findOneBy(Institution, { id: input.assessmentInstitutionId });
      if (!ai || !ai.isAssessmentInstitution || ai.provinceCode !== inst.provinceCode || ai.id === inst.id)
        throw badInput("所选考核机构不存在或不是本省的考核机构", "assessmentInstitutionId");
      assessor = ai.id;
    }
    if (
      place.countyCode === inst.countyCode &&
      (superior?.id ?? null) === inst.superiorAdminId &&
      assessor === inst.assessmentInstitutionId
    )
      throw badInput("申请的隶属关系与当前相同，无需变更", "countyCode");

    const reviewer = inst.superiorAdminId ?? (await nearestAdministration(em, inst))?.id;
    if (!reviewer) throw invalidState("本机构尚无上级卫生行政部门，请联系卫生行政部门设定");
    const request = await em.save(
      em.create(JurisdictionChangeRequest, {
        institutionId: inst.id,
        status: JurisdictionChangeStatus.PENDING,
        reviewerAdminId: reviewer,
        fromCountyCode: inst.countyCode,
        fromSuperiorAdminId: inst.superiorAdminId,
        fromAssessmentInstitutionId: inst.assessmentInstitutionId,
        toCountyCode: place.countyCode,
        toCityCode: place.cityCode,
        toSuperiorAdminId: superior?.id ?? null,
        toAssessmentInstitutionId: assessor,
        reason,
        submittedAt: new Date(),
        submittedByAccountId: p.id,
        decidedAt: null,
        decidedByAccountId: null,
        decisionReason: null,
      }),
    );
    await audit(em, ctx, {
      action: "institution.jurisdiction.request",
      targetType: "JurisdictionChangeRequest",
      targetId: request.id,
      detail: { from: inst.countyCode, to: place.countyCode, superior: superior?.id ?? null, assessor },
    });
    return request;
  });
}

/** The institution's own requests, newest first. */
export function myJurisdictionChanges(ctx: Context): Promise<JurisdictionChangeRequest[]> {
  const p = requirePrincipal(ctx);
  return ctx.ds
    .getRepository(JurisdictionChangeRequest)
    .find({ where: { institutionId: p.institutionId ?? -1 }, order: { id: "DESC" }, take: 20 });
}

/** The requests an administration is to decide (it was the institution's superior when asked), newest first. */
export async function listJurisdictionChanges(
  ctx: Context,
  status: JurisdictionChangeStatus | null,
  page: PageArgs,
): Promise<Page<JurisdictionChangeRequest>> {
  const p = requirePrincipal(ctx);
  const where = { reviewerAdminId: p.adminId ?? -1, ...(status ? { status } : {}) };
  const [items, total] = await ctx.ds
    .getRepository(JurisdictionChangeRequest)
    .findAndCount({ where, order: { id: "DESC" }, skip: offsetOf(page), take: page.pageSize });
  return { items, total, page: page.page, pageSize: page.pageSize };
}

/**
 * The superior administration approves (the institution moves: region, superior, assessment institution and its
 * counters, in this one transaction) or refuses with a reason.
 */
export async function decideJurisdictionChange(
  ctx: Context,
  id: number,
  approve: boolean,
  reason: string | null,
): Promise<JurisdictionChangeRequest> {
  const p = requirePrincipal(ctx);
  const note = reason?.trim() || null;
  if (!approve && !note) throw badInput("驳回时请填写驳回理由", "reason");
  return inTransaction(ctx.ds, async (em) => {
    const request = await em.findOneBy(JurisdictionChangeRequest, { id });
    if (!request || !p.adminId || request.reviewerAdminId !== p.adminId) throw notFound("变更申请");
    if (request.status !== JurisdictionChangeStatus.PENDING) throw invalidState("该变更申请已审批，不能重复操作");
    const inst = await lockInstitution(em, request.institutionId, "exclusive");
    if (!inst) throw notFound("变更申请");
    if (
      approve &&
      (inst.countyCode !== request.fromCountyCode ||
        inst.superiorAdminId !== request.fromSuperiorAdminId ||
        inst.assessmentInstitutionId !== request.fromAssessmentInstitutionId)
    )
      throw invalidState("该机构的隶属关系在申请后已有变化，请驳回后由机构重新申请");
    const status = approve ? JurisdictionChangeStatus.APPROVED : JurisdictionChangeStatus.REJECTED;
    const now = new Date();
    const decided = await em
      .createQueryBuilder()
      .update(JurisdictionChangeRequest)
      .set({ status, decidedAt: now, decidedByAccountId: p.id, decisionReason: note, version: () => "version + 1" })
      .where("id = :id AND version = :version AND status = :pending", {
        id,
        version: request.version,
        pending: JurisdictionChangeStatus.PENDING,
      })
      .execute();
    if (decided.affected !== 1) throw stateChanged();
    if (approve) {
      const to: Place = {
        provinceCode: inst.provinceCode,
        cityCode: request.toCityCode,
        countyCode: request.toCountyCode,
      };
      await moveInstitutionCounters(em, inst, to);
      await em.update(
        Institution,
        { id: inst.id },
        {
          ...to,
          superiorAdminId: request.toSuperiorAdminId,
          assessmentInstitutionId: request.toAssessmentInstitutionId,
          updatedAt: now,
          version: inst.version + 1,
        },
      );
    }
    await audit(em, ctx, {
      action: approve ? "institution.jurisdiction.approve" : "institution.jurisdiction.reject",
      targetType: "JurisdictionChangeRequest",
      targetId: id,
      detail: {
        institutionId: inst.id,
        reason: note,
        ...(approve ? { from: request.fromCountyCode, to: request.toCountyCode } : {}),
      },
    });
    return em.findOneByOrFail(JurisdictionChangeRequest, { id });
  });
}

/**
 * Moves an institution's counted applications from its old county to the new one, inside the caller's
 * transaction: its own counter rows take the new region codes and the county counters are moved by their counts.
 */
export async function moveInstitutionCounters(em: EntityManager, inst: Institution, to: Place): Promise<void> {
  if (to.countyCode === inst.countyCode && to.cityCode === inst.cityCode) return;
  const cycles = (await em.find(AssessmentCycle, { select: { id: true } })).map((c) => c.id);
  if (!cycles.length) return;
  const where = "cycle_id IN (" + cycles.map(() => "?").join(", ") + ") AND county_code = ? AND institution_id = ?";
  const params = [...cycles, inst.countyCode, inst.id];
  await em.query(`UPDATE status_counter SET province_code = ?, city_code = ?, county_code = ? WHERE ${where}`, [
    to.provinceCode,
    to.cityCode,
    to.countyCode,
    ...params,
  ]);
  const rows: { cycle_id: number; status: ApplicationStatus; count: unknown }[] = await em.query(
    `SELECT cycle_id, status, count FROM status_counter WHERE ${where} AND count <> 0`,
    [...cycles, to.countyCode, inst.id],
  );
  const deltas: CounterDelta[] = rows.flatMap((r) => [
    { cycleId: Number(r.cycle_id), institution: inst, status: r.status, delta: -Number(r.count) },
    { cycleId: Number(r.cycle_id), institution: { ...inst, ...to }, status: r.status, delta: Number(r.count) },
  ]);
  await adjustRegionCounters(em, deltas, !isSqlite(em.connection));
}
