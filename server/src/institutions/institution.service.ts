import { LIKE_ESCAPE, likeContains } from "../common/like";
import { audit } from "../audit/audit";
import { assertCanSee, scopeToVisibleInstitutions } from "../common/access";
import { Role, requirePrincipal } from "../common/auth";
import { badInput, forbidden, notFound } from "../common/errors";
import { normalizeCreditCode } from "../common/credit-code";
import { offsetOf, type Page, type PageArgs } from "../common/pagination";
import { institutionLevelCodes, institutionNatureCodes, institutionTypes } from "../catalogs/catalog";
import type { Context } from "../context";
import { inTransaction } from "../db/transaction";
import { Institution } from "./institution.entity";
import type { InstitutionProfileInput } from "./institution.inputs";
import { jurisdictionLocked } from "./jurisdiction-change.service";

export async function visibleInstitution(ctx: Context, id: number): Promise<Institution> {
  const inst = await ctx.ds.getRepository(Institution).findOneBy({ id });
  return assertCanSee(requirePrincipal(ctx), inst, "机构");
}

export async function ownInstitution(ctx: Context): Promise<Institution> {
  const p = requirePrincipal(ctx);
  const inst = p.institutionId ? await ctx.ds.getRepository(Institution).findOneBy({ id: p.institutionId }) : null;
  if (!inst) throw notFound("机构");
  return inst;
}

/** Checks the profile against catalogs and the region table; returns the normalised values. */
async function validatedProfile(ctx: Context, current: Institution, input: InstitutionProfileInput) {
  const credit = normalizeCreditCode(input.creditCode);
  if (!credit.ok) throw badInput(credit.reason, "creditCode");
  if (!institutionTypes.has(input.type)) throw badInput("机构类别不在目录中", "type");
  if (!institutionLevelCodes.has(input.levelCode)) throw badInput("机构级别不在目录中", "levelCode");
  if (!institutionNatureCodes.has(input.natureCode)) throw badInput("经营性质不在目录中", "natureCode");
  // The region is set by the administration (see jurisdiction-change.service.ts): sending it unchanged is fine.
  if (input.countyCode?.trim() && input.countyCode.trim() !== current.countyCode)
    throw jurisdictionLocked("countyCode");
  const clash = await ctx.ds.getRepository(Institution).findOneBy({ creditCode: credit.value });
  if (clash && clash.id !== current.id) throw badInput("该统一社会信用代码已被其他机构使用", "creditCode");
  return {
    name: input.name.trim(),
    creditCode: credit.value,
    licenseNo: input.licenseNo.trim(),
    type: input.type,
    levelCode: input.levelCode,
    natureCode: input.natureCode,
    address: input.address.trim(),
    legalRepresentative: input.legalRepresentative.trim(),
    contactPerson: input.contactPerson.trim(),
    contactPhone: input.contactPhone.trim(),
    bedCount: input.bedCount ?? null,
  };
}

export async function updateOwnProfile(ctx: Context, input: InstitutionProfileInput): Promise<Institution> {
  const current = await ownInstitution(ctx);
  const values = await validatedProfile(ctx, current, input);
  return inTransaction(ctx.ds, async (em) => {
    const now = new Date();
    await em.update(
      Institution,
      { id: current.id },
      { ...values, updatedAt: now, profileCompletedAt: current.profileCompletedAt ?? now },
    );
    const changed = Object.keys(values).filter(
      (k) => String(values[k as keyof typeof values]) !== String(current[k as keyof Institution]),
    );
    await audit(em, ctx, {
      action: "institution.profile.update",
      targetType: "Institution",
      targetId: current.id,
      detail: { changed },
    });
    return em.findOneByOrFail(Institution, { id: current.id });
  });
}

export interface InstitutionFilter {
  name?: string | null;
  cityCode?: string | null;
  countyCode?: string | null;
  isAssessmentInstitution?: boolean | null;
  assignedToMe?: boolean | null;
}

export async function listInstitutions(
  ctx: Context,
  filter: InstitutionFilter,
  page: PageArgs,
): Promise<Page<Institution>> {
  const p = requirePrincipal(ctx);
  const qb = ctx.ds.getRepository(Institution).createQueryBuilder("inst");
  scopeToVisibleInstitutions(qb, p, "inst");
  if (filter.assignedToMe) {
    // Only an assessment institution has institutions assigned to it.
    if (!p.roles.has(Role.ASSESSMENT_INSTITUTION) || !p.institutionId) throw forbidden();
    qb.andWhere("inst.assessmentInstitutionId = :assessor", { assessor: p.institutionId });
  }
  if (filter.name) qb.andWhere(`inst.name LIKE :name ${LIKE_ESCAPE}`, { name: likeContains(filter.name) });
  if (filter.cityCode) qb.andWhere("inst.cityCode = :city", { city: filter.cityCode });
  if (filter.countyCode) qb.andWhere("inst.countyCode = :county", { county: filter.countyCode });
  if (filter.isAssessmentInstitution !== undefined && filter.isAssessmentInstitution !== null) {
    qb.andWhere("inst.isAssessmentInstitution = :ai", { ai: filter.isAssessmentInstitution });
  }
  const [items, total] = await qb.orderBy("inst.id", "ASC").skip(offsetOf(page)).take(page.pageSize).getManyAndCount();
  return { items, total, page: page.page, pageSize: page.pageSize };
}
