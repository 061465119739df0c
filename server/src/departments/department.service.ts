import { LIKE_ESCAPE, likeContains } from "../common/like";
import type { EntityManager } from "typeorm";
import { audit } from "../audit/audit";
import { requirePrincipal } from "../common/auth";
import { badInput, conflict, notFound } from "../common/errors";
import { offsetOf, type Page, type PageArgs } from "../common/pagination";
import { isSubjectCode } from "../catalogs/catalog";
import type { Context } from "../context";
import { inTransaction } from "../db/transaction";
import { Physician } from "../physicians/physician.entity";
import { Department } from "./department.entity";
import type { DepartmentFilter, DepartmentInput } from "./department.inputs";

function ownInstitutionId(ctx: Context): number {
  const id = requirePrincipal(ctx).institutionId;
  if (!id) throw notFound("机构");
  return id;
}

/** A department of the caller's own institution, read inside `em`; others' are reported missing. */
async function ownDepartment(em: EntityManager, ctx: Context, id: number): Promise<Department> {
  const dep = await em.findOneBy(Department, { id, institutionId: ownInstitutionId(ctx) });
  if (!dep) throw notFound("科室");
  return dep;
}

function cleaned(input: DepartmentInput) {
  const name = input.name.trim();
  if (!name) throw badInput("请填写科室名称", "name");
  const subjectCodes = [...new Set(input.subjectCodes.map((c) => c.trim()))];
  const unknown = subjectCodes.filter((c) => !isSubjectCode(c));
  if (unknown.length) throw badInput(`诊疗科目代码不存在：${unknown.join("、")}`, "subjectCodes");
  return { name, subjectCodes };
}

async function assertNameFree(em: EntityManager, institutionId: number, name: string, exceptId?: number) {
  const other = await em.findOneBy(Department, { institutionId, name });
  if (other && other.id !== exceptId) throw conflict(`科室名称“${name}”已存在`);
}

export async function listDepartments(
  ctx: Context,
  filter: DepartmentFilter,
  page: PageArgs,
): Promise<Page<Department>> {
  const qb = ctx.ds
    .getRepository(Department)
    .createQueryBuilder("d")
    .where("d.institutionId = :inst", { inst: ownInstitutionId(ctx) });
  if (filter.name) qb.andWhere(`d.name LIKE :name ${LIKE_ESCAPE}`, { name: likeContains(filter.name.trim()) });
  if (filter.enabled !== undefined && filter.enabled !== null)
    qb.andWhere("d.enabled = :enabled", { enabled: filter.enabled });
  const [items, total] = await qb.orderBy("d.id", "ASC").skip(offsetOf(page)).take(page.pageSize).getManyAndCount();
  return { items, total, page: page.page, pageSize: page.pageSize };
}

export async function createDepartment(ctx: Context, input: DepartmentInput): Promise<Department> {
  const institutionId = ownInstitutionId(ctx);
  const values = cleaned(input);
  return inTransaction(ctx.ds, async (em) => {
    await assertNameFree(em, institutionId, values.name);
    const now = new Date();
    const dep = await em.save(
      em.create(Department, { ...values, institutionId, enabled: true, createdAt: now, updatedAt: now }),
    );
    await audit(em, ctx, { action: "department.create", targetType: "Department", targetId: dep.id, detail: values });
    return dep;
  });
}

export async function updateDepartment(ctx: Context, id: number, input: DepartmentInput): Promise<Department> {
  const values = cleaned(input);
  return inTransaction(ctx.ds, async (em) => {
    const dep = await ownDepartment(em, ctx, id);
    await assertNameFree(em, dep.institutionId, values.name, dep.id);
    await em.update(Department, { id }, { ...values, updatedAt: new Date() });
    await audit(em, ctx, {
      action: "department.update",
      targetType: "Department",
      targetId: id,
      detail: { before: { name: dep.name, subjectCodes: dep.subjectCodes }, after: values },
    });
    return em.findOneByOrFail(Department, { id });
  });
}

export async function setDepartmentEnabled(ctx: Context, id: number, enabled: boolean): Promise<Department> {
  return inTransaction(ctx.ds, async (em) => {
    const dep = await ownDepartment(em, ctx, id);
    if (dep.enabled !== enabled) {
      await em.update(Department, { id }, { enabled, updatedAt: new Date() });
      await audit(em, ctx, {
        action: enabled ? "department.enable" : "department.disable",
        targetType: "Department",
        targetId: id,
      });
    }
    return em.findOneByOrFail(Department, { id });
  });
}

export async function deleteDepartment(ctx: Context, id: number): Promise<void> {
  await inTransaction(ctx.ds, async (em) => {
    const dep = await ownDepartment(em, ctx, id);
    const physicians = await em.countBy(Physician, { departmentId: id });
    if (physicians > 0) {
      throw conflict(`科室“${dep.name}”下已有 ${physicians} 名医师，无法删除。可先停用该科室，待医师调整科室后再删除`);
    }
    await em.delete(Department, { id });
    await audit(em, ctx, {
      action: "department.delete",
      targetType: "Department",
      targetId: id,
      detail: { name: dep.name },
    });
  });
}
