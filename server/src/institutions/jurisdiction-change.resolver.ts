import { IsInt, IsNotEmpty, IsOptional, MaxLength } from "class-validator";
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
  Query,
  Resolver,
  Root,
} from "type-graphql";
import { Role } from "../common/auth";
import { PageArgs, PageOf } from "../common/pagination";
import { pagedCost } from "../common/query-limits";
import type { Context } from "../context";
import { DecisionArgs } from "./decided-request";
import { administrationById, institutionById, regionByCode } from "./institution.loaders";
import { JurisdictionChangeRequest, JurisdictionChangeStatus } from "./jurisdiction-change.entity";
import {
  decideJurisdictionChange,
  listJurisdictionChanges,
  myJurisdictionChanges,
  requestJurisdictionChange,
} from "./jurisdiction-change.service";

@InputType({ description: "隶属关系变更申请 (what the institution asks to belong to)" })
class JurisdictionChangeInput {
  @Field(() => String, { nullable: true, description: "变更后的所在县（区）代码；不变可省略 (county asked for)" })
  @IsOptional()
  @MaxLength(6, { message: "区划代码为6位" })
  countyCode?: string | null;

  @Field(() => Int, {
    nullable: true,
    description:
      "变更后的上级卫生行政部门 ID；省略时沿用现上级（如仍管辖新地区）或取新地区的卫生行政部门 (superior asked for)",
  })
  @IsOptional()
  @IsInt()
  superiorAdminId?: number | null;

  @Field(() => Int, {
    nullable: true,
    description: "变更后的考核机构 ID；省略时不变 (assessment institution asked for)",
  })
  @IsOptional()
  @IsInt()
  assessmentInstitutionId?: number | null;

  @Field({ description: "申请理由 (why)" })
  @IsNotEmpty({ message: "请填写申请理由" })
  @MaxLength(500, { message: "申请理由不能超过500字" })
  reason: string;
}

const JurisdictionChangePage = PageOf(
  JurisdictionChangeRequest,
  "JurisdictionChangeRequestPage",
  "隶属关系变更申请分页列表 (a page of jurisdiction change requests)",
);

@Resolver(() => JurisdictionChangeRequest)
export class JurisdictionChangeResolver {
  @Authorized(Role.INSTITUTION)
  @Mutation(() => JurisdictionChangeRequest, {
    description:
      "申请变更所在地区、上级卫生行政部门或考核机构，由现上级卫生行政部门审批 (ask the superior administration for a jurisdiction change)",
  })
  requestJurisdictionChange(@Arg("input") input: JurisdictionChangeInput, @Ctx() ctx: Context) {
    return requestJurisdictionChange(ctx, input);
  }

  @Authorized(Role.INSTITUTION)
  @Query(() => [JurisdictionChangeRequest], {
    description: "本机构的隶属关系变更申请，最新的在前（最多20条） (own change requests, newest first)",
  })
  myJurisdictionChangeRequests(@Ctx() ctx: Context) {
    return myJurisdictionChanges(ctx);
  }

  @Authorized(Role.HEALTH_ADMIN)
  @Query(() => JurisdictionChangePage, {
    complexity: pagedCost,
    description:
      "待本卫生行政部门审批的隶属关系变更申请（申请时为该机构的上级） (change requests this administration decides)",
  })
  jurisdictionChangeRequests(
    @Arg("status", () => JurisdictionChangeStatus, { nullable: true, description: "按状态筛选 (status)" })
    status: JurisdictionChangeStatus | null,
    @Args() page: PageArgs,
    @Ctx() ctx: Context,
  ) {
    return listJurisdictionChanges(ctx, status, page);
  }

  @Authorized(Role.HEALTH_ADMIN)
  @Mutation(() => JurisdictionChangeRequest, {
    description:
      "审批隶属关系变更：同意则立即生效（所在地区、上级、考核机构及统计一并变更）；驳回须填写理由 (approve or reject)",
  })
  decideJurisdictionChange(@Args() { id, approve, reason }: DecisionArgs, @Ctx() ctx: Context) {
    return decideJurisdictionChange(ctx, id, approve, reason);
  }

  @FieldResolver(() => String, { description: "申请机构名称 (institution name)" })
  async institutionName(@Root() r: JurisdictionChangeRequest, @Ctx() ctx: Context): Promise<string> {
    return (await ctx.loaders.get(institutionById).load(r.institutionId))?.name ?? "";
  }

  @FieldResolver(() => String, { description: "原所在地区，如 南宁市 青秀区 (region before)" })
  fromRegionName(@Root() r: JurisdictionChangeRequest, @Ctx() ctx: Context): Promise<string> {
    return regionPath(ctx, r.fromCountyCode);
  }

  @FieldResolver(() => String, { description: "申请的所在地区 (region asked for)" })
  toRegionName(@Root() r: JurisdictionChangeRequest, @Ctx() ctx: Context): Promise<string> {
    return regionPath(ctx, r.toCountyCode);
  }

  @FieldResolver(() => String, { nullable: true, description: "原上级卫生行政部门 (superior before)" })
  fromSuperiorName(@Root() r: JurisdictionChangeRequest, @Ctx() ctx: Context) {
    return adminName(ctx, r.fromSuperiorAdminId);
  }

  @FieldResolver(() => String, { nullable: true, description: "变更后的上级卫生行政部门 (superior after)" })
  toSuperiorName(@Root() r: JurisdictionChangeRequest, @Ctx() ctx: Context) {
    return adminName(ctx, r.toSuperiorAdminId);
  }

  @FieldResolver(() => String, { nullable: true, description: "审批部门 (deciding administration)" })
  reviewerName(@Root() r: JurisdictionChangeRequest, @Ctx() ctx: Context) {
    return adminName(ctx, r.reviewerAdminId);
  }

  @FieldResolver(() => String, { nullable: true, description: "原考核机构 (assessment institution before)" })
  async fromAssessmentInstitutionName(@Root() r: JurisdictionChangeRequest, @Ctx() ctx: Context) {
    return institutionName(ctx, r.fromAssessmentInstitutionId);
  }

  @FieldResolver(() => String, { nullable: true, description: "变更后的考核机构 (assessment institution after)" })
  async toAssessmentInstitutionName(@Root() r: JurisdictionChangeRequest, @Ctx() ctx: Context) {
    return institutionName(ctx, r.toAssessmentInstitutionId);
  }
}

/** City and county names of a county code (the province is the institution's own). */
async function regionPath(ctx: Context, countyCode: string): Promise<string> {
  const loader = ctx.loaders.get(regionByCode);
  const county = await loader.load(countyCode);
  const city = county?.parentCode ? await loader.load(county.parentCode) : null;
  return [city?.name, county?.name].filter(Boolean).join(" ");
}

async function adminName(ctx: Context, id: number | null): Promise<string | null> {
  return id ? ((await ctx.loaders.get(administrationById).load(id))?.name ?? null) : null;
}

async function institutionName(ctx: Context, id: number | null): Promise<string | null> {
  return id ? ((await ctx.loaders.get(institutionById).load(id))?.name ?? null) : null;
}
