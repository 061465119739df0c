import { pagedCost } from "../common/query-limits";
import {
  Arg,
  Args,
  Authorized,
  Ctx,
  Field,
  FieldResolver,
  Int,
  Mutation,
  ObjectType,
  Query,
  Resolver,
  Root,
} from "type-graphql";
import { Role, requirePrincipal } from "../common/auth";
import { PageArgs, PageOf } from "../common/pagination";
import { subjectPath } from "../catalogs/catalog";
import type { Context } from "../context";
import { physicianInstitutionId } from "../physicians/physician-institution";
import { Department } from "./department.entity";
import { DepartmentFilter, DepartmentInput } from "./department.inputs";
import { physicianCountByDepartment } from "./department.loaders";
import {
  createDepartment,
  deleteDepartment,
  listDepartments,
  setDepartmentEnabled,
  updateDepartment,
} from "./department.service";

@ObjectType({ description: "科室关联的诊疗科目 (a linked practice subject)" })
class LinkedSubject {
  @Field({ description: "科目代码 (code)" })
  code: string;

  @Field({ description: "科目全称，如 外科 / 普通外科专业 (full name)" })
  name: string;
}

const DepartmentPage = PageOf(Department, "DepartmentPage", "科室分页列表 (a page of departments)");

@Resolver(() => Department)
export class DepartmentResolver {
  @Authorized(Role.INSTITUTION)
  @Query(() => DepartmentPage, {
    complexity: pagedCost,
    description: "本机构科室列表 (departments of the signed-in institution)",
  })
  departments(
    @Arg("filter", () => DepartmentFilter, { nullable: true }) filter: DepartmentFilter | null,
    @Args() page: PageArgs,
    @Ctx() ctx: Context,
  ) {
    return listDepartments(ctx, filter ?? {}, page);
  }

  @Authorized(Role.INSTITUTION, Role.PHYSICIAN)
  @Query(() => [Department], {
    description:
      "可选择的科室：本机构已启用的科室（医师报名、机构编辑医师时使用） (enabled departments to choose from)",
  })
  async departmentOptions(
    @Arg("includeDisabled", {
      defaultValue: false,
      description: "也包括停用的科室（用于筛选条件） (include disabled ones, for filters)",
    })
    includeDisabled: boolean,
    @Ctx() ctx: Context,
  ): Promise<Department[]> {
    const institutionId = await optionsInstitutionId(ctx);
    if (!institutionId) return [];
    const where =
      includeDisabled && requirePrincipal(ctx).institutionId ? { institutionId } : { institutionId, enabled: true };
    return ctx.ds.getRepository(Department).find({ where, order: { name: "ASC" } });
  }

  @Authorized(Role.INSTITUTION)
  @Mutation(() => Department, { description: "创建科室 (create a department)" })
  createDepartment(@Arg("input") input: DepartmentInput, @Ctx() ctx: Context) {
    return createDepartment(ctx, input);
  }

  @Authorized(Role.INSTITUTION)
  @Mutation(() => Department, { description: "编辑科室 (edit a department)" })
  updateDepartment(@Arg("id", () => Int) id: number, @Arg("input") input: DepartmentInput, @Ctx() ctx: Context) {
    return updateDepartment(ctx, id, input);
  }

  @Authorized(Role.INSTITUTION)
  @Mutation(() => Department, { description: "启用或停用科室 (enable or disable a department)" })
  setDepartmentEnabled(@Arg("id", () => Int) id: number, @Arg("enabled") enabled: boolean, @Ctx() ctx: Context) {
    return setDepartmentEnabled(ctx, id, enabled);
  }

  @Authorized(Role.INSTITUTION)
  @Mutation(() => Boolean, {
    description: "删除科室；科室下已有医师时不能删除，请先停用 (delete; refused while physicians belong to it)",
  })
  async deleteDepartment(@Arg("id", () => Int) id: number, @Ctx() ctx: Context) {
    await deleteDepartment(ctx, id);
    return true;
  }

  @FieldResolver(() => [LinkedSubject], { description: "关联的诊疗科目 (linked subjects with names)" })
  subjects(@Root() dep: Department): LinkedSubject[] {
    return dep.subjectCodes.map((code) => ({ code, name: subjectPath(code) }));
  }

  @FieldResolver(() => Int, { description: "科室内医师人数 (physicians in the department)" })
  physicianCount(@Root() dep: Department, @Ctx() ctx: Context): Promise<number> {
    return ctx.loaders.get(physicianCountByDepartment).load(dep.id);
  }
}

/** Institutions choose among their own departments; a physician among his institution's. */
async function optionsInstitutionId(ctx: Context): Promise<number | null> {
  const p = requirePrincipal(ctx);
  return p.institutionId ?? physicianInstitutionId(ctx.ds.manager, p.physicianId);
}
