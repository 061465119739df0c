import { listCost, pagedCost } from "../common/query-limits";
import { ArrayMaxSize, ArrayNotEmpty, IsOptional } from "class-validator";
import {
  Arg,
  Args,
  ArgsType,
  Authorized,
  Ctx,
  Field,
  FieldResolver,
  Int,
  Mutation,
  Query,
  Resolver,
  Root,
  type ClassType,
} from "type-graphql";
import { briefOf } from "../assessment/application-brief.view";
import { categoryByCode } from "../catalogs/catalog";
import { Role } from "../common/auth";
import { maskIdNumber } from "../common/id-number";
import { maskedIdentity } from "./identity-policy";
import { PageArgs, PageOf } from "../common/pagination";
import type { Context } from "../context";
import { Department } from "../departments/department.entity";
import { departmentById } from "../departments/department.loaders";
import { institutionById } from "../institutions/institution.loaders";
import { PhysicianLevel, PRACTISING_STATUS_LABEL, PractisingStatus, type Physician } from "./physician.entity";
import {
  PhysicianFilter,
  PhysicianInput,
  PhysicianSort,
  PhysicianSortField,
  SortDirection,
  TransferOutInput,
} from "./physician.inputs";
import {
  BatchEnrollResult,
  PhysicianDetail,
  PhysicianSummary,
  physicianSummaryOf,
  RosterCounts,
  TransferCandidate,
  TransferView,
} from "./physician.view";
import {
  cancelEnrollment,
  createPhysician,
  deletePhysician,
  enrollMany,
  enrollOne,
  findTransferCandidate,
  listRoster,
  MAX_BATCH,
  physicianDetail,
  resetPhysicianPassword,
  rosterCounts,
  setPractisingStatus,
  transferHistory,
  transferIn,
  transferOut,
  updatePhysician,
  type RosterRow,
} from "./roster.service";
import type { Application } from "../assessment/application.entity";

const categoryName = (code: string) => categoryByCode(code)?.name ?? code;

const summaryOf = (physician: Physician, application: Application | null): PhysicianSummary =>
  physicianSummaryOf(physician, application ? briefOf(application) : null);

export function detailOf({ physician, application, maskIdentity }: RosterRow): PhysicianDetail {
  const category = categoryByCode(physician.categoryCode);
  const detail: PhysicianDetail = {
    ...summaryOf(physician, application),
    idNumber: physician.idNumber,
    legacyIdNumber: physician.legacyIdNumber,
    birthDate: physician.birthDate,
    phone: physician.phone,
    qualificationCertNo: physician.qualificationCertNo,
    practiceCertNo: physician.practiceCertNo,
    scopes: physician.scopeCodes.map((code) => ({
      code,
      name: category?.scopes.find((s) => s.code === code)?.name ?? code,
    })),
    firstPracticeDate: physician.firstPracticeDate,
    otherPracticeSites: physician.otherPracticeSites,
    photoAttachmentId: physician.photoAttachmentId,
  };
  return maskIdentity ? maskedIdentity(detail) : detail;
}

const PhysicianPage = PageOf(PhysicianSummary, "PhysicianPage", "医师分页列表 (a page of the roster)");

@ArgsType()
class BatchEnrollArgs {
  @Field(() => [Int], { description: `医师 ID，一次最多 ${MAX_BATCH} 个 (physician ids, at most ${MAX_BATCH})` })
  @ArrayNotEmpty({ message: "请选择要参加考核的医师" })
  @ArrayMaxSize(MAX_BATCH, { message: `一次最多选择 ${MAX_BATCH} 名医师` })
  physicianIds: number[];
}

@ArgsType()
class VersionedPhysicianArgs {
  @Field(() => Int)
  physicianId: number;

  @Field(() => Int, {
    nullable: true,
    description: "当前周期申请的版本号（来自列表），用于并发控制 (application version seen by the user)",
  })
  @IsOptional()
  expectedVersion?: number | null;
}

/** Field resolvers shared by the list row and the detail types (relations through per-request loaders). */
function physicianFields<T extends PhysicianSummary>(type: ClassType<T>) {
  @Resolver(() => type)
  class PhysicianFieldsResolver {
    @FieldResolver(() => Department, { nullable: true, description: "科室 (department)" })
    department(@Root() p: T, @Ctx() ctx: Context) {
      return p.departmentId ? ctx.loaders.get(departmentById).load(p.departmentId) : null;
    }

    @FieldResolver(() => String, { nullable: true, description: "执业机构名称 (institution name)" })
    async institutionName(@Root() p: T, @Ctx() ctx: Context) {
      return p.institutionId ? ((await ctx.loaders.get(institutionById).load(p.institutionId))?.name ?? null) : null;
    }

    @FieldResolver(() => String, { description: "执业状态名称 (practising status label)" })
    practisingStatusLabel(@Root() p: T) {
      return PRACTISING_STATUS_LABEL[p.practisingStatus];
    }

    @FieldResolver(() => String, { description: "医师级别名称 (level name)" })
    levelName(@Root() p: T) {
      return p.level === PhysicianLevel.PHYSICIAN ? "执业医师" : "执业助理医师";
    }
  }
  return PhysicianFieldsResolver;
}
export const PhysicianSummaryFieldsResolver = physicianFields(PhysicianSummary);
export const PhysicianDetailFieldsResolver = physicianFields(PhysicianDetail);

@Resolver(() => PhysicianDetail)
export class PhysicianResolver {
  @Authorized(Role.INSTITUTION, Role.ASSESSMENT_INSTITUTION, Role.HEALTH_ADMIN, Role.API_CLIENT)
  @Query(() => PhysicianPage, {
    complexity: pagedCost,
    description:
      "医师列表（医师管理），身份证号与手机号脱敏；机构只能查看本机构医师，卫生行政部门可指定辖区内机构 (roster of an institution)",
  })
  async physicians(
    @Arg("filter", () => PhysicianFilter, { nullable: true }) filter: PhysicianFilter | null,
    @Arg("sort", () => PhysicianSort, { nullable: true }) sort: PhysicianSort | null,
    @Arg("institutionId", () => Int, {
      nullable: true,
      description: "机构 ID（卫生行政部门、考核机构、接口客户端使用） (institution, for non-institution callers)",
    })
    institutionId: number | null,
    @Args() page: PageArgs,
    @Ctx() ctx: Context,
  ) {
    const result = await listRoster(
      ctx,
      filter ?? {},
      sort ?? { field: PhysicianSortField.ID, direction: SortDirection.ASC },
      page,
      institutionId,
    );
    return { ...result, items: result.items.map((r) => summaryOf(r.physician, r.application)) };
  }

  @Authorized(Role.INSTITUTION, Role.ASSESSMENT_INSTITUTION, Role.HEALTH_ADMIN, Role.API_CLIENT)
  @Query(() => RosterCounts, {
    description: "医师列表两个页签的人数（同一筛选条件） (the two tab counts under the same filter)",
  })
  rosterCounts(
    @Arg("filter", () => PhysicianFilter, { nullable: true }) filter: PhysicianFilter | null,
    @Arg("institutionId", () => Int, { nullable: true, description: "机构 ID（非机构用户） (institution)" })
    institutionId: number | null,
    @Ctx() ctx: Context,
  ) {
    return rosterCounts(ctx, filter ?? {}, institutionId);
  }

  @Authorized()
  @Query(() => PhysicianDetail, {
    description:
      "医师详情：医师本人与所在机构可见完整身份证号与手机号，其他有权查看者见脱敏值（完整值经 revealPhysicianIdentity 查看并审计） (physician detail; full identifiers only to the physician and the owner institution)",
  })
  async physician(@Arg("id", () => Int) id: number, @Ctx() ctx: Context): Promise<PhysicianDetail> {
    return detailOf(await physicianDetail(ctx, id));
  }

  @Authorized(Role.INSTITUTION)
  @Query(() => TransferCandidate, {
    description: "调入医师：按身份证号码（15 位或 18 位）查找 (look up a physician to transfer in)",
  })
  async transferCandidate(@Arg("idNumber") idNumber: string, @Ctx() ctx: Context): Promise<TransferCandidate> {
    const { physician, canonical } = await findTransferCandidate(ctx, idNumber);
    const none = {
      id: null,
      name: null,
      gender: null,
      birthDate: null,
      categoryName: null,
      idNumberMasked: maskIdNumber(canonical),
    };
    if (!physician) return { ...none, canTransferIn: false, message: "系统中没有该身份证号码的医师" };
    if (physician.institutionId === ctx.principal!.institutionId)
      return { ...none, canTransferIn: false, message: "该医师已在本机构" };
    if (physician.institutionId !== null)
      return { ...none, canTransferIn: false, message: "该医师当前在其他机构执业，需原机构先调离后才能调入" };
    return {
      id: physician.id,
      name: physician.name,
      gender: physician.gender,
      birthDate: physician.birthDate,
      categoryName: categoryName(physician.categoryCode),
      idNumberMasked: maskIdNumber(physician.idNumber),
      canTransferIn: true,
      message: "该医师未在任何机构执业，可以调入",
    };
  }

  @Authorized(Role.INSTITUTION)
  @Mutation(() => PhysicianDetail, {
    description: "参加：将医师纳入本考核周期（未确认参加 → 待报名） (enroll one physician)",
  })
  async enrollPhysician(@Args() { physicianId, expectedVersion }: VersionedPhysicianArgs, @Ctx() ctx: Context) {
    return detailOf(await enrollOne(ctx, physicianId, expectedVersion ?? null));
  }

  @Authorized(Role.INSTITUTION)
  @Mutation(() => BatchEnrollResult, {
    description:
      "批量参加：一个事务，全部提交或全部不提交；每位医师单独给出结果，不符合条件的医师不影响其他医师 (enroll many in one transaction; each gets its own outcome)",
  })
  async enrollPhysicians(@Args() { physicianIds }: BatchEnrollArgs, @Ctx() ctx: Context): Promise<BatchEnrollResult> {
    const outcomes = await enrollMany(ctx, physicianIds);
    const succeeded = outcomes.filter((o) => o.ok).length;
    return { succeeded, failed: outcomes.length - succeeded, outcomes };
  }

  @Authorized(Role.INSTITUTION)
  @Mutation(() => PhysicianDetail, {
    description:
      "取消报名：仅限本机构尚未审核的申请；已审核的须联系上级卫生行政部门驳回 (cancel an enrolment not yet reviewed)",
  })
  async cancelEnrollment(@Args() { physicianId, expectedVersion }: VersionedPhysicianArgs, @Ctx() ctx: Context) {
    return detailOf(await cancelEnrollment(ctx, physicianId, expectedVersion ?? null));
  }

  @Authorized(Role.INSTITUTION)
  @Mutation(() => Boolean, { description: "重置医师密码为 666666，下次登录须修改 (reset a physician's password)" })
  async resetPhysicianPassword(@Arg("physicianId", () => Int) physicianId: number, @Ctx() ctx: Context) {
    await resetPhysicianPassword(ctx, physicianId);
    return true;
  }

  @Authorized(Role.INSTITUTION)
  @Mutation(() => Boolean, {
    description: "调离：医师离开本机构并保留历史记录；考核申请审核或测评中不能调离 (transfer a physician out)",
  })
  async transferPhysicianOut(@Arg("input") input: TransferOutInput, @Ctx() ctx: Context) {
    await transferOut(ctx, input.physicianId, input.reason, input.note?.trim() || null);
    return true;
  }

  @Authorized(Role.INSTITUTION)
  @Mutation(() => PhysicianDetail, {
    description: "调入：按身份证号码将未在任何机构执业的医师调入本机构 (transfer a physician in)",
  })
  async transferPhysicianIn(@Arg("idNumber") idNumber: string, @Ctx() ctx: Context) {
    const physician = await transferIn(ctx, idNumber);
    return detailOf(await physicianDetail(ctx, physician.id));
  }

  @Authorized(Role.INSTITUTION)
  @Mutation(() => PhysicianDetail, { description: "设置执业状态，如确认不执业 (set practising status)" })
  async setPhysicianPractisingStatus(
    @Arg("physicianId", () => Int) physicianId: number,
    @Arg("status", () => PractisingStatus) status: PractisingStatus,
    @Ctx() ctx: Context,
  ) {
    await setPractisingStatus(ctx, physicianId, status);
    return detailOf(await physicianDetail(ctx, physicianId));
  }

  @Authorized(Role.INSTITUTION)
  @Mutation(() => Boolean, {
    description: "删除已确认不执业且未报名的医师（保留审计记录） (delete a physician no longer practising)",
  })
  async deletePhysician(@Arg("physicianId", () => Int) physicianId: number, @Ctx() ctx: Context) {
    await deletePhysician(ctx, physicianId);
    return true;
  }

  @Authorized(Role.INSTITUTION)
  @Mutation(() => PhysicianDetail, {
    description: "新增医师并创建其账户（身份证号登录，初始密码 666666） (add a physician)",
  })
  async createPhysician(@Arg("input") input: PhysicianInput, @Ctx() ctx: Context) {
    const physician = await createPhysician(ctx, input);
    return detailOf(await physicianDetail(ctx, physician.id));
  }

  @Authorized(Role.INSTITUTION)
  @Mutation(() => PhysicianDetail, { description: "编辑医师信息（身份证号码不可修改） (edit a physician)" })
  async updatePhysician(@Arg("id", () => Int) id: number, @Arg("input") input: PhysicianInput, @Ctx() ctx: Context) {
    await updatePhysician(ctx, id, input);
    return detailOf(await physicianDetail(ctx, id));
  }

  @FieldResolver(() => [TransferView], { complexity: listCost(5), description: "调入/调离记录 (transfer history)" })
  transfers(@Root() p: PhysicianDetail, @Ctx() ctx: Context) {
    return transferHistory(ctx, p.id);
  }
}
