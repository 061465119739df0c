import { pagedCost } from "../common/query-limits";
import { Max, Min } from "class-validator";
import { Args, ArgsType, Authorized, Ctx, Field, Int, ObjectType, Query, Resolver, type ClassType } from "type-graphql";
import { Application } from "../assessment/application.entity";
import { Procedure } from "../assessment/procedure";
import { ApplicationStatus, ExemptionStatus, FINAL_STATUSES, STATUS_INFO } from "../assessment/workflow";
import { Certificate } from "../certificates/certificate.entity";
import { Role } from "../common/auth";
import { maskIdNumber } from "../common/id-number";
import type { Context } from "../context";
import { Gender, Physician, PhysicianLevel, PractisingStatus } from "../physicians/physician.entity";
import { changePage } from "./sync.service";

@ArgsType()
class ChangeArgs {
  @Field(() => Date, {
    nullable: true,
    description:
      "只取此时间之后变更的记录（上次同步返回的 watermark）；首次同步不传 (changes after this time: the previous sync's watermark)",
  })
  since?: Date | null;

  @Field(() => String, {
    nullable: true,
    description: "游标：上一页的 endCursor (cursor: the previous page's endCursor)",
  })
  after?: string | null;

  @Field(() => Int, { defaultValue: 100, description: "每页条数，1–500 (page size, 1–500)" })
  @Min(1, { message: "每页条数至少为 1" })
  @Max(500, { message: "每页条数不能超过 500" })
  first: number;
}

@ObjectType({ description: "分页信息 (page info)" })
class SyncPageInfo {
  @Field({ description: "是否还有下一页 (more pages follow)" }) hasNextPage: boolean;
  @Field(() => String, { nullable: true, description: "下一页的游标 (cursor for the next page)" }) endCursor:
    string | null;
}

function ChangesOf<T extends object>(node: ClassType<T>, name: string, description: string) {
  @ObjectType(name, { description })
  class Changes {
    @Field(() => [node], { description: "本页变更的记录，按变更时间排序 (changed rows, in change order)" }) nodes: T[];
    @Field(() => SyncPageInfo) pageInfo: SyncPageInfo;
    @Field(() => Date, {
      description:
        "本轮同步的截止时间：下次同步以此作为 since (this traversal's watermark: pass it as `since` next time)",
    })
    watermark: Date;
  }
  return Changes;
}

@ObjectType({ description: "医师变更记录（同步用） (a changed physician, for sync)" })
class PhysicianChange {
  @Field(() => Int) id: number;
  @Field({ description: "姓名 (name)" }) name: string;
  @Field(() => Gender, { description: "性别 (gender)" }) gender: Gender;
  @Field({ description: "出生日期 (birth date)" }) birthDate: string;
  @Field({ description: "身份证号码，18 位：接口客户端与卫生行政部门可见完整号码 (full ID number)" }) idNumber: string;
  @Field({ description: "身份证号码（脱敏） (masked ID number)" }) idNumberMasked: string;
  @Field({ description: "执业类别代码 (category code)" }) categoryCode: string;
  @Field(() => [String], { description: "执业范围代码 (scope codes)" }) scopeCodes: string[];
  @Field(() => PhysicianLevel, { description: "医师级别 (level)" }) level: PhysicianLevel;
  @Field({ description: "职称 (title)" }) title: string;
  @Field({ description: "医师执业证书编码 (practice certificate number)" }) practiceCertNo: string;
  @Field(() => Int, { nullable: true, description: "执业机构 ID；调离后为空 (institution; null once transferred out)" })
  institutionId: number | null;
  @Field(() => Int, { nullable: true, description: "科室 ID (department)" }) departmentId: number | null;
  @Field(() => PractisingStatus, { description: "执业状态 (practising status)" }) practisingStatus: PractisingStatus;
  @Field({ description: "已删除 (deleted: the record should be removed downstream)" }) deleted: boolean;
  @Field(() => Date, { description: "变更时间 (changed at)" }) updatedAt: Date;
}

@ObjectType({ description: "考核申请变更记录（同步用） (a changed application, for sync)" })
class ApplicationChange {
  @Field(() => Int) id: number;
  @Field(() => Int, { description: "考核周期 (cycle)" }) cycleId: number;
  @Field(() => Int, { description: "医师 (physician)" }) physicianId: number;
  @Field(() => Int, { nullable: true, description: "负责机构 (institution)" }) institutionId: number | null;
  @Field(() => ApplicationStatus, { description: "状态 (status)" }) status: ApplicationStatus;
  @Field({ description: "状态名称 (status label)" }) statusLabel: string;
  @Field({ description: "是否已有最终结果（合格/不合格） (has a final result)" }) final: boolean;
  @Field(() => Procedure, { nullable: true, description: "考核程序 (procedure)" }) procedure: Procedure | null;
  @Field(() => ExemptionStatus, { description: "免考状态 (exemption status)" }) exemptionStatus: ExemptionStatus;
  @Field({ description: "最近操作 (last action)" }) lastAction: string;
  @Field(() => Date, { description: "最近操作时间 (last action at)" }) lastActionAt: Date;
  @Field(() => Date, { description: "变更时间 (changed at)" }) updatedAt: Date;
}

@ObjectType({ description: "合格证明变更记录（同步用） (a changed certificate, for sync)" })
class CertificateChange {
  @Field(() => Int) id: number;
  @Field({ description: "证明编号 (number)" }) number: string;
  @Field(() => Int, { description: "考核申请 (application)" }) applicationId: number;
  @Field(() => Int, { description: "医师 (physician)" }) physicianId: number;
  @Field(() => Int, { description: "机构 (institution)" }) institutionId: number;
  @Field({ description: "姓名 (name)" }) physicianName: string;
  @Field({ description: "考核周期 (cycle)" }) cycleName: string;
  @Field({ description: "考核结果 (result)" }) result: string;
  @Field(() => Date, { description: "发证时间 (issued at)" }) issuedAt: Date;
  @Field({ description: "已作废 (revoked)" }) revoked: boolean;
  @Field(() => Date, { description: "变更时间 (changed at)" }) updatedAt: Date;
}

const PhysicianChanges = ChangesOf(PhysicianChange, "PhysicianChanges", "医师变更分页 (a page of changed physicians)");
const ApplicationChanges = ChangesOf(
  ApplicationChange,
  "ApplicationChanges",
  "考核申请变更分页 (a page of changed applications)",
);
const CertificateChanges = ChangesOf(
  CertificateChange,
  "CertificateChanges",
  "合格证明变更分页 (a page of changed certificates)",
);

const page = <T, V>(
  p: { nodes: T[]; hasNextPage: boolean; endCursor: string | null; watermark: Date },
  map: (t: T) => V,
) => ({
  nodes: p.nodes.map(map),
  pageInfo: { hasNextPage: p.hasNextPage, endCursor: p.endCursor },
  watermark: p.watermark,
});

/**
 * Change feeds for provincial systems: everything in the caller's region that changed since the last
 * sync, in keyset order, stable while rows keep changing (see cursor.ts).
 */
@Resolver()
export class SyncResolver {
  @Authorized(Role.API_CLIENT, Role.HEALTH_ADMIN)
  @Query(() => PhysicianChanges, {
    complexity: pagedCost,
    description: "同步：辖区内变更的医师（含删除） (sync: physicians changed in the region, deletions included)",
  })
  async changedPhysicians(@Args() args: ChangeArgs, @Ctx() ctx: Context) {
    const qb = ctx.ds.getRepository(Physician).createQueryBuilder("p").withDeleted();
    const result = await changePage(ctx, qb, "p", "institutionId", {
      since: args.since ?? null,
      after: args.after ?? null,
      first: args.first,
    });
    return page(result, (p) => ({ ...p, idNumberMasked: maskIdNumber(p.idNumber), deleted: !!p.deletedAt }));
  }

  @Authorized(Role.API_CLIENT, Role.HEALTH_ADMIN)
  @Query(() => ApplicationChanges, {
    complexity: pagedCost,
    description: "同步：辖区内变更的考核申请（状态、结果） (sync: applications changed in the region)",
  })
  async changedApplications(@Args() args: ChangeArgs, @Ctx() ctx: Context) {
    const qb = ctx.ds.getRepository(Application).createQueryBuilder("a");
    const result = await changePage(ctx, qb, "a", "institutionId", {
      since: args.since ?? null,
      after: args.after ?? null,
      first: args.first,
    });
    return page(result, (a) => ({
      ...a,
      statusLabel: STATUS_INFO[a.status].label,
      final: FINAL_STATUSES.includes(a.status),
    }));
  }

  @Authorized(Role.API_CLIENT, Role.HEALTH_ADMIN)
  @Query(() => CertificateChanges, {
    complexity: pagedCost,
    description: "同步：辖区内新发或作废的合格证明 (sync: certificates issued or revoked in the region)",
  })
  async changedCertificates(@Args() args: ChangeArgs, @Ctx() ctx: Context) {
    const qb = ctx.ds.getRepository(Certificate).createQueryBuilder("c");
    const result = await changePage(ctx, qb, "c", "institutionId", {
      since: args.since ?? null,
      after: args.after ?? null,
      first: args.first,
    });
    return page(result, (c) => ({
      ...c,
      physicianName: c.data.physicianName,
      cycleName: c.data.cycleName,
      result: c.data.result,
      revoked: !!c.revokedAt,
    }));
  }
}
