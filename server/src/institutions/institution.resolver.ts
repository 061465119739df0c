import { FilterText } from "../common/filter-text";
import { pagedCost } from "../common/query-limits";
import {
  Arg,
  Args,
  Authorized,
  Ctx,
  Field,
  FieldResolver,
  InputType,
  Int,
  Mutation,
  ObjectType,
  Query,
  Resolver,
  Root,
} from "type-graphql";
import { Role } from "../common/auth";
import { PageArgs, PageOf } from "../common/pagination";
import { referenceLists } from "../catalogs/catalog";
import type { Context } from "../context";
import { HealthAdministration } from "../regions/health-administration.entity";
import { Institution } from "./institution.entity";
import { InstitutionProfileInput } from "./institution.inputs";
import { administrationById, institutionById, regionByCode } from "./institution.loaders";
import { listInstitutions, ownInstitution, updateOwnProfile, visibleInstitution } from "./institution.service";

@ObjectType({ description: "机构联系方式 (an organisation's contact)" })
export class OrganizationContact {
  @Field({ description: "名称 (name)" })
  name: string;

  @Field({ description: "联系人 (contact person)" })
  contactPerson: string;

  @Field({ description: "联系电话 (phone)" })
  contactPhone: string;
}

export const InstitutionPage = PageOf(Institution, "InstitutionPage", "机构分页列表 (a page of institutions)");

@InputType({ description: "机构筛选条件 (institution filter)" })
class InstitutionFilterInput {
  @Field({ nullable: true, description: "名称包含 (name contains)" })
  @FilterText("机构名称")
  name?: string;

  @Field({ nullable: true, description: "市级区划代码 (city code)" })
  @FilterText("市级区划代码", 12)
  cityCode?: string;

  @Field({ nullable: true, description: "县级区划代码 (county code)" })
  @FilterText("县级区划代码", 12)
  countyCode?: string;

  @Field({ nullable: true, description: "是否考核机构 (is an assessment institution)" })
  isAssessmentInstitution?: boolean;

  @Field({
    nullable: true,
    description:
      "只看分配给本考核机构的机构（考核机构使用） (only the institutions assigned to the signed-in assessor)",
  })
  assignedToMe?: boolean;
}

const levelNames = new Map(referenceLists.institutionLevels.map((l) => [l.code, l.name]));
const natureNames = new Map(referenceLists.institutionNature.map((l) => [l.code, l.name]));

@Resolver(() => Institution)
export class InstitutionResolver {
  @Authorized(Role.INSTITUTION, Role.ASSESSMENT_INSTITUTION)
  @Query(() => Institution, { description: "本机构信息 (the signed-in institution's profile)" })
  myInstitution(@Ctx() ctx: Context): Promise<Institution> {
    return ownInstitution(ctx);
  }

  @Authorized()
  @Query(() => Institution, { description: "按 ID 查看机构（仅限有权查看的机构） (an institution the caller may see)" })
  institution(@Arg("id", () => Int) id: number, @Ctx() ctx: Context): Promise<Institution> {
    return visibleInstitution(ctx, id);
  }

  @Authorized(Role.HEALTH_ADMIN, Role.API_CLIENT, Role.ASSESSMENT_INSTITUTION)
  @Query(() => InstitutionPage, {
    complexity: pagedCost,
    description: "辖区内机构列表 (institutions in the caller's region or assigned to it)",
  })
  institutions(
    @Arg("filter", () => InstitutionFilterInput, { nullable: true }) filter: InstitutionFilterInput | null,
    @Args() page: PageArgs,
    @Ctx() ctx: Context,
  ) {
    return listInstitutions(ctx, filter ?? {}, page);
  }

  @Authorized(Role.INSTITUTION)
  @Mutation(() => Institution, { description: "保存本机构信息（红色*号为必填项） (save the institution profile)" })
  updateMyInstitution(@Arg("input") input: InstitutionProfileInput, @Ctx() ctx: Context): Promise<Institution> {
    return updateOwnProfile(ctx, input);
  }

  @FieldResolver(() => String, { description: "机构级别名称 (level name)" })
  levelName(@Root() inst: Institution): string {
    return levelNames.get(inst.levelCode) ?? "";
  }

  @FieldResolver(() => String, { description: "经营性质名称 (nature name)" })
  natureName(@Root() inst: Institution): string {
    return natureNames.get(inst.natureCode) ?? "";
  }

  @FieldResolver(() => String, { description: "所在地区全称，如 广西壮族自治区 南宁市 青秀区 (region path)" })
  async regionName(@Root() inst: Institution, @Ctx() ctx: Context): Promise<string> {
    const loader = ctx.loaders.get(regionByCode);
    const regions = await loader.loadMany([inst.provinceCode, inst.cityCode, inst.countyCode]);
    return regions
      .map((r) => (r && !(r instanceof Error) ? r.name : ""))
      .filter(Boolean)
      .join(" ");
  }

  @FieldResolver(() => HealthAdministration, {
    nullable: true,
    description: "上级卫生行政部门 (superior health administration)",
  })
  superiorAdministration(@Root() inst: Institution, @Ctx() ctx: Context) {
    return inst.superiorAdminId ? ctx.loaders.get(administrationById).load(inst.superiorAdminId) : null;
  }

  @FieldResolver(() => OrganizationContact, {
    nullable: true,
    description: "负责本机构的考核机构及联系方式 (assigned assessment institution)",
  })
  async assessmentInstitution(@Root() inst: Institution, @Ctx() ctx: Context): Promise<OrganizationContact | null> {
    if (!inst.assessmentInstitutionId) return null;
    const ai = await ctx.loaders.get(institutionById).load(inst.assessmentInstitutionId);
    return ai ? { name: ai.name, contactPerson: ai.contactPerson, contactPhone: ai.contactPhone } : null;
  }
}
