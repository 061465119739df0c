import { FilterText } from "../common/filter-text";
import { LIKE_ESCAPE, likeContains } from "../common/like";
import { Field, InputType, Int, registerEnumType } from "type-graphql";
import { scopeToVisibleInstitutions } from "../common/access";
import { Role, requirePrincipal } from "../common/auth";
import { badInput, forbidden, notFound } from "../common/errors";
import { normalizeIdNumber } from "../common/id-number";
import { offsetOf, type Page, type PageArgs } from "../common/pagination";
import type { Context } from "../context";
import { Department } from "../departments/department.entity";
import { departmentNameById } from "../departments/department.loaders";
import { sqlTime } from "../db/raw";
import { readStatement } from "../db/read-statement";
import { columnName, rawColumns } from "../db/raw-select";
import { ShapedQuery, type FilterTarget } from "../db/shaped-query";
import { Institution } from "../institutions/institution.entity";
import { Physician } from "../physicians/physician.entity";
import { Application } from "./application.entity";
import { listColumnsFor } from "./application-list-columns";
import { PHYSICIAN_SUMMARY_COLUMNS, physicianSummaryById } from "./application.loaders";
import { currentCycleId, cycleProvince } from "./cycle.service";
import { Procedure } from "./procedure";
import { ApplicationStatus, ExemptionStatus, INSTITUTION_REVIEW_STATUSES } from "./workflow";

/** Ready-made lists: the home page's 去处理 links and each role's work queue. */
export enum ReviewQueue {
  SIMPLE_REVIEW = "SIMPLE_REVIEW",
  GENERAL_REVIEW = "GENERAL_REVIEW",
  EXEMPTION_REVIEW = "EXEMPTION_REVIEW",
  ASSESSMENT_REVIEW = "ASSESSMENT_REVIEW",
  EXEMPTION_REREVIEW = "EXEMPTION_REREVIEW",
  TESTING = "TESTING",
  MAKEUP_CONFIRMATION = "MAKEUP_CONFIRMATION",
}
registerEnumType(ReviewQueue, {
  name: "ReviewQueue",
  description: "工作队列 (work queue)",
  valuesConfig: {
    SIMPLE_REVIEW: {
      description: "简易程序待审核（医疗卫生机构） (simple-procedure applications awaiting the institution)",
    },
    GENERAL_REVIEW: {
      description: "一般程序待审核（医疗卫生机构） (general-procedure applications awaiting the institution)",
    },
    EXEMPTION_REVIEW: { description: "免考待审核（医疗卫生机构） (exemption requests awaiting the institution)" },
    ASSESSMENT_REVIEW: { description: "待复核（考核机构） (applications awaiting re-review)" },
    EXEMPTION_REREVIEW: { description: "免考待复核（考核机构） (exemptions awaiting re-review)" },
    TESTING: { description: "待参加考核或补考 (awaiting a test or make-up test)" },
    MAKEUP_CONFIRMATION: { description: "待确认补考（省级卫生行政部门） (awaiting make-up confirmation)" },
  },
});

export enum ApplicationSort {
  ID = "ID",
  LAST_ACTION_DESC = "LAST_ACTION_DESC",
  SUBMITTED_AT = "SUBMITTED_AT",
}
registerEnumType(ApplicationSort, {
  name: "ApplicationSort",
  description: "申请列表排序 (sort order)",
  valuesConfig: {
    ID: { description: "按登记顺序 (registration order)" },
    LAST_ACTION_DESC: { description: "最近操作在前 (latest action first)" },
    SUBMITTED_AT: { description: "先提交的在前 (first submitted first)" },
  },
});

@InputType({ description: "申请列表筛选 (application filter)" })
export class ApplicationFilter {
  @Field(() => ReviewQueue, { nullable: true, description: "工作队列 (queue)" })
  queue?: ReviewQueue;

  @Field(() => [ApplicationStatus], { nullable: true, description: "状态 (statuses)" })
  statuses?: ApplicationStatus[];

  @Field(() => Procedure, { nullable: true, description: "考核程序 (procedure)" })
  procedure?: Procedure;

  @Field(() => [ExemptionStatus], { nullable: true, description: "免考状态 (exemption statuses)" })
  exemptionStatuses?: ExemptionStatus[];

  @Field(() => Int, { nullable: true, description: "机构（卫生行政部门、考核机构使用） (institution)" })
  institutionId?: number;

  @Field(() => Int, { nullable: true, description: "科室 (department)" })
  departmentId?: number;

  @Field({ nullable: true, description: "姓名包含 (name contains)" })
  @FilterText("姓名")
  name?: string;

  @Field({ nullable: true, description: "身份证号码，15 或 18 位 (ID number)" })
  @FilterText("身份证号码", 20)
  idNumber?: string;

  @Field({ nullable: true, description: "科室名称包含（跨机构列表使用） (department name contains)" })
  @FilterText("科室名称")
  departmentName?: string;

  @Field(() => Date, { nullable: true, description: "提交时间不早于 (submitted at or after)" })
  submittedFrom?: Date;

  @Field(() => Date, { nullable: true, description: "提交时间早于 (submitted before)" })
  submittedBefore?: Date;

  @Field(() => Int, { nullable: true, description: "考核周期，默认当前周期 (cycle; default the current one)" })
  cycleId?: number;
}

const QUEUES: Record<ReviewQueue, (qb: FilterTarget) => void> = {
  SIMPLE_REVIEW: (qb) =>
    qb.andWhere("a.procedure = :qp AND a.status IN (:...qs)", {
      qp: Procedure.SIMPLE,
      qs: INSTITUTION_REVIEW_STATUSES,
    }),
  GENERAL_REVIEW: (qb) =>
    qb.andWhere("a.procedure = :qp AND a.status IN (:...qs)", {
      qp: Procedure.GENERAL,
      qs: INSTITUTION_REVIEW_STATUSES,
    }),
  EXEMPTION_REVIEW: (qb) => qb.andWhere("a.exemptionStatus = :qe", { qe: ExemptionStatus.AWAITING_INSTITUTION }),
  ASSESSMENT_REVIEW: (qb) => qb.andWhere("a.status = :qs1", { qs1: ApplicationStatus.AWAITING_ASSESSMENT_REVIEW }),
  EXEMPTION_REREVIEW: (qb) =>
    qb.andWhere("a.exemptionStatus = :qe", { qe: ExemptionStatus.AWAITING_ASSESSMENT_INSTITUTION }),
  TESTING: (qb) =>
    qb.andWhere("a.status IN (:...qs)", {
      qs: [ApplicationStatus.AWAITING_TEST, ApplicationStatus.AWAITING_MAKEUP_TEST],
    }),
  MAKEUP_CONFIRMATION: (qb) => qb.andWhere("a.status = :qs1", { qs1: ApplicationStatus.AWAITING_MAKEUP_CONFIRMATION }),
};

const SORTS: Record<ApplicationSort, [string, "ASC" | "DESC"]> = {
  ID: ["a.id", "ASC"],
  LAST_ACTION_DESC: ["a.lastActionAt", "DESC"],
  SUBMITTED_AT: ["a.submittedAt", "ASC"],
};

export async function resolveCycleId(ctx: Context, cycleId: number | undefined | null): Promise<number | null> {
  const province = await callerProvince(ctx);
  if (!cycleId) return province ? currentCycleId(ctx.ds, province) : null;
  // A cycle named by the caller must exist and be of the caller's province: another province's cycle is
  // answered as a missing one, not counted over (or failed on deeper down with an unexpected error).
  const owner = await cycleProvince(ctx.ds, cycleId);
  if (!owner || (province && owner !== province)) throw notFound("考核周期");
  return cycleId;
}

/** The caller's province: its own for staff, its institution's for a physician. */
async function callerProvince(ctx: Context): Promise<string | null> {
  const p = requirePrincipal(ctx);
  let province = p.provinceCode;
  if (!province && p.physicianId) {
    const physician = await ctx.ds
      .getRepository(Physician)
      .findOne({ where: { id: p.physicianId }, select: { id: true, institutionId: true } });
    const inst = physician?.institutionId
      ? await ctx.ds.getRepository(Institution).findOneBy({ id: physician.institutionId })
      : null;
    province = inst?.provinceCode ?? null;
  }
  return province;
}

/**
 * The query behind review lists and 考核进度: applications the caller may see, filtered. An
 * institution's own list never joins `institution` (its id is the filter); others are scoped by region
 * or assignment. Relations of the rows come from loaders, so a page is a fixed number of statements.
 */
export async function applicationQuery(
  ctx: Context,
  filter: ApplicationFilter,
): Promise<{ qb: ShapedQuery<Application>; cycleId: number } | null> {
  const p = requirePrincipal(ctx);
  if (p.roles.has(Role.PHYSICIAN) && p.roles.size === 1) throw forbidden();
  const cycleId = await resolveCycleId(ctx, filter.cycleId);
  if (!cycleId) return null;
  const qb = new ShapedQuery(ctx.ds, Application, "a").andWhere("a.cycleId = :cycleId", { cycleId });
  const own = p.roles.has(Role.INSTITUTION) && p.institutionId && !p.roles.has(Role.ASSESSMENT_INSTITUTION);
  if (own) {
    qb.andWhere("a.institutionId = :own", { own: p.institutionId });
  } else {
    qb.innerJoin(Institution, "i", "i.id = a.institutionId");
    scopeToVisibleInstitutions(qb, p, "i");
  }
  if (filter.institutionId) qb.andWhere("a.institutionId = :fi", { fi: filter.institutionId });
  if (filter.queue) QUEUES[filter.queue](qb);
  if (filter.statuses?.length) qb.andWhere("a.status IN (:...fs)", { fs: filter.statuses });
  if (filter.procedure) qb.andWhere("a.procedure = :fp", { fp: filter.procedure });
  if (filter.exemptionStatuses?.length) qb.andWhere("a.exemptionStatus IN (:...fe)", { fe: filter.exemptionStatuses });
  if (filter.departmentId) qb.andWhere("a.departmentId = :fd", { fd: filter.departmentId });
  if (filter.departmentName?.trim())
    qb.innerJoin(Department, "fdn", "fdn.id = a.departmentId").andWhere(`fdn.name LIKE :fdn ${LIKE_ESCAPE}`, {
      fdn: likeContains(filter.departmentName.trim()),
    });
  if (filter.submittedFrom) qb.andWhere("a.submittedAt >= :fsf", { fsf: sqlTime(ctx.ds, filter.submittedFrom) });
  if (filter.submittedBefore) qb.andWhere("a.submittedAt < :fsb", { fsb: sqlTime(ctx.ds, filter.submittedBefore) });
  if (filter.name?.trim() || filter.idNumber?.trim()) {
    qb.innerJoin(Physician, "p", "p.id = a.physicianId");
    if (filter.name?.trim()) qb.andWhere(`p.name LIKE :fn ${LIKE_ESCAPE}`, { fn: likeContains(filter.name.trim()) });
    if (filter.idNumber?.trim()) {
      const id = normalizeIdNumber(filter.idNumber);
      if (!id.ok) throw badInput(id.reason, "idNumber");
      qb.andWhere("p.idNumber = :fid", { fid: id.value });
    }
  }
  return { qb, cycleId };
}

/**
 * When the list is one institution's, filtered at most by status, its total is a sum of the maintained
 * counters instead of a COUNT over the applications: this statement, or null when the counters cannot say.
 */
function countersTotal(ctx: Context, filter: ApplicationFilter, cycleId: number): [string, unknown[]] | null {
  const p = requirePrincipal(ctx);
  const institutionId =
    filter.institutionId ??
    (p.roles.has(Role.INSTITUTION) && !p.roles.has(Role.ASSESSMENT_INSTITUTION) ? p.institutionId : null);
  const others = [
    filter.queue,
    filter.procedure,
    filter.exemptionStatuses?.length,
    filter.departmentId,
    filter.departmentName?.trim(),
    filter.submittedFrom,
    filter.submittedBefore,
    filter.name?.trim(),
    filter.idNumber?.trim(),
  ];
  if (!institutionId || others.some(Boolean) || (filter.institutionId && filter.institutionId !== p.institutionId))
    return null;
  const statuses = filter.statuses ?? [];
  return [
    `SELECT COALESCE(SUM(count), 0) AS n FROM status_counter WHERE cycle_id = ? AND institution_id = ?` +
      (statuses.length ? ` AND status IN (${statuses.map(() => "?").join(", ")})` : ""),
    [cycleId, institutionId, ...statuses],
  ];
}

/**
 * A page in one statement: a deferred join (the page's ids from the indexes, sorted and skipped without
 * touching whole rows, so a deep page costs what the first one does), then those rows by primary key with
 * the physician's list columns and the department joined. The joined rows prime the per-request loaders
 * the list's fields read. A total the counters can give rides along as a scalar subquery of the same statement
 * (one round trip less per page, and total and rows from one snapshot), so a page costs two statements (session,
 * page) at any page size, three when the total needs a COUNT.
 * The outer statement is written by hand and hydrated with the driver's conversions: the query builder's
 * building and hydration were most of the page's CPU (benchmark, statements section).
 */
export async function listApplications(
  ctx: Context,
  filter: ApplicationFilter,
  sort: ApplicationSort,
  page: PageArgs,
  /** The fields asked of each row (`selectedSubfields(info, "items")`); null reads every list column. */
  itemFields: ReadonlySet<string> | null = null,
): Promise<Page<Application>> {
  const query = await applicationQuery(ctx, filter);
  if (!query) return { items: [], total: 0, page: page.page, pageSize: page.pageSize };
  const { qb, cycleId } = query;
  const counters = countersTotal(ctx, filter, cycleId);
  const [column, direction] = SORTS[sort];
  // The page's ids: ordered and cut in SQL text built once per filter shape and sort (db/shaped-query.ts).
  const [idsSql, idsParams] = qb.statement(
    `ids ${sort}`,
    (b) => b.select("a.id", "id").orderBy(column, direction).addOrderBy("a.id", direction),
    { pageLimit: page.pageSize, pageOffset: offsetOf(page) },
    " LIMIT :pageLimit OFFSET :pageOffset",
  );
  const { ds } = ctx;
  const a = rawColumns(ds, Application, "a", listColumnsFor(itemFields));
  const p = rawColumns(ds, Physician, "p", PHYSICIAN_SUMMARY_COLUMNS);
  const d = rawColumns(ds, Department, "d", ["id", "name"]);
  const orderBy = `a.${columnName(ds, Application, column.slice(2))} ${direction}, a.id ${direction}`;
  const raw = await readStatement(
    ds,
    `SELECT ${a.select}, ${p.select}, ${d.select}${counters ? `, (${counters[0]}) AS page_total` : ""} FROM application a
     INNER JOIN (${idsSql}) page_ids ON page_ids.id = a.id
     LEFT JOIN physician p ON p.id = a.physician_id
     LEFT JOIN department d ON d.id = a.department_id
     ORDER BY ${orderBy}`,
    [...(counters?.[1] ?? []), ...idsParams],
  );
  // A page past the end has no row to carry the counters' total: then they are read on their own.
  const total = !counters
    ? await qb.count()
    : Number(raw.length ? raw[0].page_total : (await readStatement(ds, ...counters))[0].n);
  const items = raw.map((row) => {
    const physician = p.hydrate(row);
    if (physician) ctx.loaders.prime(physicianSummaryById, physician.id, physician);
    const department = d.hydrate(row);
    if (department) ctx.loaders.prime(departmentNameById, department.id, department.name);
    return a.hydrate(row)!;
  });
  return { items, total, page: page.page, pageSize: page.pageSize };
}
