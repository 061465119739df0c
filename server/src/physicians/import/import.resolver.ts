import { pagedCost } from "../../common/query-limits";
import GraphQLUpload from "graphql-upload/GraphQLUpload.mjs";
import type { FileUpload } from "graphql-upload/processRequest.mjs";
import { Arg, Args, Authorized, Ctx, FieldResolver, Int, Mutation, Query, Resolver, Root } from "type-graphql";
import { Role } from "../../common/auth";
import { notFound } from "../../common/errors";
import { offsetOf, PageArgs, PageOf } from "../../common/pagination";
import type { Context } from "../../context";
import { ImportJob, ImportOutcome, ImportRowResult } from "./import-job.entity";
import { importRoster, visibleImportJob } from "./import.service";

const ImportRowPage = PageOf(ImportRowResult, "ImportRowPage", "导入报告行分页 (a page of report rows)");

@Resolver(() => ImportJob)
export class ImportResolver {
  @Authorized(Role.INSTITUTION, Role.HEALTH_ADMIN)
  @Mutation(() => ImportJob, {
    description:
      "导入医师名册（.xlsx 或 .csv，模板见 GET /templates/physician-roster.xlsx）：逐行校验，给出新增/更新/拒绝的行级报告；被拒绝的行不写入任何数据 (import a roster file)",
  })
  importPhysicians(@Arg("file", () => GraphQLUpload) file: Promise<FileUpload>, @Ctx() ctx: Context) {
    return importRoster(ctx, file);
  }

  @Authorized(Role.INSTITUTION, Role.HEALTH_ADMIN)
  @Query(() => ImportJob, { description: "导入报告 (an import report)" })
  async physicianImport(@Arg("id", () => Int) id: number, @Ctx() ctx: Context) {
    const job = await visibleImportJob(ctx, id);
    if (!job) throw notFound("导入报告");
    return job;
  }

  @FieldResolver(() => ImportRowPage, {
    complexity: pagedCost,
    description: "报告中的行，可按结果筛选 (report rows, by outcome)",
  })
  async rows(
    @Root() job: ImportJob,
    @Arg("outcome", () => ImportOutcome, { nullable: true }) outcome: ImportOutcome | null,
    @Args() page: PageArgs,
    @Ctx() ctx: Context,
  ) {
    const where = outcome ? { jobId: job.id, outcome } : { jobId: job.id };
    const [items, total] = await ctx.ds
      .getRepository(ImportRowResult)
      .findAndCount({ where, order: { rowNumber: "ASC" }, skip: offsetOf(page), take: page.pageSize });
    return { items, total, page: page.page, pageSize: page.pageSize };
  }
}

const OUTCOME_LABEL: Record<ImportOutcome, string> = { CREATED: "新增", UPDATED: "更新", REFUSED: "拒绝" };

@Resolver(() => ImportRowResult)
export class ImportRowResolver {
  @FieldResolver(() => String, { description: "结果名称：新增、更新、拒绝 (outcome label)" })
  outcomeLabel(@Root() row: ImportRowResult) {
    return OUTCOME_LABEL[row.outcome];
  }
}
