import { FilterText } from "../common/filter-text";
import { listCost, pagedCost } from "../common/query-limits";
import GraphQLUpload from "graphql-upload/GraphQLUpload.mjs";
import type { FileUpload } from "graphql-upload/processRequest.mjs";
import { Max, Min } from "class-validator";
import {
  Arg,
  Args,
  Authorized,
  Ctx,
  Field,
  FieldResolver,
  Float,
  InputType,
  Int,
  Mutation,
  ObjectType,
  Query,
  Resolver,
  Root,
  registerEnumType,
} from "type-graphql";
import { In } from "typeorm";
import { applicationView } from "../assessment/application.mapping";
import { ApplicationView, TestAttemptView } from "../assessment/application.view";
import { physicianSummaryById as physicianById } from "../assessment/application.loaders";
import { Application } from "../assessment/application.entity";
import { Procedure, PROCEDURE_LABEL, TEST_KIND_LABEL, TestKind } from "../assessment/procedure";
import { ApiPermission, permissionRole, Role } from "../common/auth";
import { inKeyOrder, groupedInKeyOrder, type LoaderDefinition } from "../common/loaders";
import { maskIdNumber } from "../common/id-number";
import { PageArgs, PageOf } from "../common/pagination";
import type { Context } from "../context";
import { Attachment } from "../attachments/attachment.entity";
import { fileUrl } from "../attachments/attachments.service";
import { institutionById } from "../institutions/institution.loaders";
import DataLoader from "dataloader";
import {
  addSnapshot,
  createPaper,
  gradeAttempt,
  judgeSuspected,
  listAttempts,
  markSuspected,
  openAttempt,
  recordAbsence,
  submitAttempt,
  viewSnapshots,
  ViewStatus,
} from "./exams.service";
import { ProctoringSnapshot } from "./snapshot.entity";
import { ATTEMPT_STATUS_LABEL, AttemptStatus, CheatingVerdict, TestAttempt } from "./test-attempt.entity";
import { TestPaper } from "./test-paper.entity";
import { TestPaperEditInput } from "./paper.inputs";
import { resolveCycleId } from "../assessment/application-list";

registerEnumType(ViewStatus, {
  name: "SnapshotViewStatus",
  description: "监考照片查看状态 (whether the institution looked at an attempt's pictures, or marked it)",
  valuesConfig: {
    UNVIEWED: { description: "未查看 (not yet viewed)" },
    VIEWED: { description: "已查看 (viewed, not marked)" },
    MARKED: { description: "已标记疑似 (marked as suspected cheating)" },
  },
});

@ObjectType({ description: "监考照片 (a proctoring snapshot)" })
class SnapshotView {
  @Field(() => Int) id: number;
  @Field(() => Date, { description: "拍摄时间 (captured at)" }) capturedAt: Date;
  @Field(() => Float, { description: "与本人照片的相似度 0–100 (similarity %)" }) similarity: number;
  @Field({ description: "机构是否已查看 (viewed by the institution)" }) viewed: boolean;
  @Field(() => String, {
    nullable: true,
    description: "图片地址（查看时返回，10 分钟有效） (signed image link, returned when viewing)",
  })
  url: string | null;
}

@ObjectType({
  description: "测评记录及其医师、试卷与监考信息 (a test attempt with its physician, paper and proctoring facts)",
})
export class AttemptListItem extends TestAttemptView {
  @Field(() => Int) physicianId: number;
  @Field(() => Int) institutionId: number;
  @Field(() => Float, { nullable: true, description: "最低相似度 (lowest snapshot similarity)" }) minSimilarity:
    number | null;
  @Field(() => Int, { description: "监考照片数 (snapshots)" }) snapshotCount: number;
  @Field({ description: "机构已查看 (institution viewed the snapshots)" }) viewed: boolean;
  @Field(() => Date, { nullable: true, description: "标记时间 (marked at)" }) suspectedAt: Date | null;
  @Field(() => String, { nullable: true, description: "认定理由 (verdict reason)" }) verdictReason: string | null;
}

const AttemptPage = PageOf(AttemptListItem, "TestAttemptPage", "测评记录分页 (a page of attempts)");

@InputType({ description: "测评进度/监考管理筛选 (attempt filter)" })
class AttemptFilterInput {
  @Field(() => Procedure, { nullable: true, description: "考核程序 (procedure)" }) procedure?: Procedure;
  @Field(() => Int, { nullable: true, description: "试卷 (paper)" }) paperId?: number;
  @Field(() => [AttemptStatus], { nullable: true, description: "测评状态 (statuses)" }) statuses?: AttemptStatus[];
  @Field(() => Float, {
    nullable: true,
    description: "最低相似度低于此值（建议 40） (lowest similarity below, % — suggestion 40)",
  })
  @Min(0)
  @Max(100)
  maxSimilarity?: number;
  @Field(() => ViewStatus, { nullable: true, description: "查看状态 (view status)" }) viewStatus?: ViewStatus;
  @Field({ nullable: true, description: "仅含有监考照片的 (only attempts with snapshots)" }) withSnapshots?: boolean;
  @Field({ nullable: true, description: "姓名包含 (name contains)" }) @FilterText("姓名") name?: string;
  @Field({ nullable: true, description: "身份证号码 (ID number)" })
  @FilterText("身份证号码", 20)
  idNumber?: string;
  @Field(() => Int, { nullable: true, description: "机构（非机构用户） (institution)" }) institutionId?: number;
  @Field(() => Int, { nullable: true, description: "考核周期，默认当前 (cycle)" }) cycleId?: number;
}

@InputType({ description: "新建试卷 (a new paper)" })
class TestPaperInput extends TestPaperEditInput {
  @Field(() => Int, { nullable: true, description: "考核周期，默认当前 (cycle)" }) cycleId?: number;
}

const paperById: LoaderDefinition<number, TestPaper | null> = (ds) =>
  new DataLoader(async (ids) =>
    inKeyOrder(ids, await ds.getRepository(TestPaper).findBy({ id: In([...ids]) }), (p) => p.id),
  );
const applicationById: LoaderDefinition<number, Application | null> = (ds) =>
  new DataLoader(async (ids) =>
    inKeyOrder(ids, await ds.getRepository(Application).findBy({ id: In([...ids]) }), (a) => a.id),
  );
const snapshotsByAttempt: LoaderDefinition<number, ProctoringSnapshot[]> = (ds) =>
  new DataLoader(async (ids) =>
    groupedInKeyOrder(
      ids,
      await ds
        .getRepository(ProctoringSnapshot)
        .find({ where: { attemptId: In([...ids]) }, order: { capturedAt: "ASC", id: "ASC" } }),
      (s) => s.attemptId,
    ),
  );

const itemOf = (t: TestAttempt): AttemptListItem => ({
  ...t,
  testKindLabel: TEST_KIND_LABEL[t.testKind],
  statusLabel: t.voided ? "已作废（认定作弊）" : ATTEMPT_STATUS_LABEL[t.status],
  viewed: !!t.viewedAt,
});

const TEST_SYSTEM_ROLES = [Role.ASSESSMENT_INSTITUTION, permissionRole(ApiPermission.RECORD_TEST_RESULTS)];

@Resolver(() => AttemptListItem)
export class ExamsResolver {
  @Authorized()
  @Query(() => [TestPaper], { description: "本周期的试卷 (papers of a cycle)" })
  async testPapers(@Arg("cycleId", () => Int, { nullable: true }) cycleId: number | null, @Ctx() ctx: Context) {
    const id = await resolveCycleId(ctx, cycleId);
    return id ? ctx.ds.getRepository(TestPaper).find({ where: { cycleId: id }, order: { id: "ASC" } }) : [];
  }

  @Authorized(Role.PROVINCIAL_ADMIN, Role.ASSESSMENT_INSTITUTION)
  @Mutation(() => TestPaper, { description: "新建试卷（省级卫生行政部门或考核机构） (create a paper)" })
  createTestPaper(@Arg("input") input: TestPaperInput, @Ctx() ctx: Context) {
    return createPaper(ctx, input);
  }

  @Authorized(Role.INSTITUTION, Role.ASSESSMENT_INSTITUTION, Role.HEALTH_ADMIN, Role.API_CLIENT)
  @Query(() => AttemptPage, {
    complexity: pagedCost,
    description: "测评进度与监考管理：有权查看的机构的测评记录 (attempts the caller may see)",
  })
  async testAttempts(
    @Arg("filter", () => AttemptFilterInput, { nullable: true }) filter: AttemptFilterInput | null,
    @Args() page: PageArgs,
    @Ctx() ctx: Context,
  ) {
    const result = await listAttempts(ctx, filter ?? {}, page);
    return { ...result, items: result.items.map(itemOf) };
  }

  @Authorized(...TEST_SYSTEM_ROLES)
  @Mutation(() => AttemptListItem, {
    description: "测评系统：开考（须在试卷考试时间内） (test system: open an attempt)",
  })
  async openTestAttempt(
    @Arg("applicationId", () => Int) applicationId: number,
    @Arg("paperId", () => Int) paperId: number,
    @Ctx() ctx: Context,
  ) {
    return itemOf(await openAttempt(ctx, applicationId, paperId));
  }

  @Authorized(...TEST_SYSTEM_ROLES)
  @Mutation(() => AttemptListItem, { description: "测评系统：交卷 (test system: submit an attempt)" })
  async submitTestAttempt(@Arg("attemptId", () => Int) attemptId: number, @Ctx() ctx: Context) {
    return itemOf(await submitAttempt(ctx, attemptId));
  }

  @Authorized(...TEST_SYSTEM_ROLES)
  @Mutation(() => ApplicationView, {
    description: "测评系统：评分，按试卷分数线评定合格与否，并推动考核流程 (test system: grade; drives the workflow)",
  })
  async gradeTestAttempt(
    @Arg("attemptId", () => Int) attemptId: number,
    @Arg("score", () => Float) score: number,
    @Ctx() ctx: Context,
  ) {
    return applicationView(await gradeAttempt(ctx, attemptId, score), true);
  }

  @Authorized(...TEST_SYSTEM_ROLES)
  @Mutation(() => ApplicationView, {
    description: "测评系统：记录缺考（视为该项测评不合格） (test system: record an absence; counts as failed)",
  })
  async recordTestAbsence(
    @Arg("applicationId", () => Int) applicationId: number,
    @Arg("testKind", () => TestKind) testKind: TestKind,
    @Ctx() ctx: Context,
  ) {
    return applicationView(await recordAbsence(ctx, applicationId, testKind), true);
  }

  @Authorized(Role.ASSESSMENT_INSTITUTION, permissionRole(ApiPermission.RECORD_SNAPSHOTS))
  @Mutation(() => SnapshotView, {
    description:
      "测评系统：上传监考照片（JPEG/PNG，按内容识别）及相似度 (test system: upload a snapshot with its similarity)",
  })
  async uploadProctoringSnapshot(
    @Arg("attemptId", () => Int) attemptId: number,
    @Arg("capturedAt", () => Date) capturedAt: Date,
    @Arg("similarity", () => Float) similarity: number,
    @Arg("image", () => GraphQLUpload) image: Promise<FileUpload>,
    @Ctx() ctx: Context,
  ): Promise<SnapshotView> {
    const s = await addSnapshot(ctx, attemptId, capturedAt, similarity, image);
    return { id: s.id, capturedAt: s.capturedAt, similarity: s.similarity, viewed: false, url: null };
  }

  @Authorized(Role.INSTITUTION, Role.ASSESSMENT_INSTITUTION, Role.HEALTH_ADMIN)
  @Mutation(() => [SnapshotView], {
    description:
      "查看监考照片：返回图片地址；本机构查看后记为已查看 (view an attempt's snapshots; marks them viewed for the institution)",
  })
  async viewAttemptSnapshots(
    @Arg("attemptId", () => Int) attemptId: number,
    @Ctx() ctx: Context,
  ): Promise<SnapshotView[]> {
    const snapshots = await viewSnapshots(ctx, attemptId);
    const attachments = await ctx.ds.getRepository(Attachment).findBy({ id: In(snapshots.map((s) => s.attachmentId)) });
    return snapshots.map((s) => {
      const a = attachments.find((x) => x.id === s.attachmentId)!;
      return {
        id: s.id,
        capturedAt: s.capturedAt,
        similarity: s.similarity,
        viewed: !!s.viewedAt,
        url: fileUrl(ctx, a.id),
      };
    });
  }

  @Authorized(Role.INSTITUTION)
  @Mutation(() => AttemptListItem, {
    description:
      "标记疑似作弊（仅本机构医师；标记后机构不能撤销，须联系卫生行政部门） (mark suspected cheating; one-way)",
  })
  async markAttemptSuspected(
    @Arg("attemptId", () => Int) attemptId: number,
    @Arg("note", () => String, { nullable: true }) note: string | null,
    @Ctx() ctx: Context,
  ) {
    return itemOf(await markSuspected(ctx, attemptId, note));
  }

  @Authorized(Role.PROVINCIAL_ADMIN)
  @Mutation(() => AttemptListItem, {
    description:
      "省级卫生行政部门认定：撤销标记（CLEARED）或认定作弊（CONFIRMED，测评作废并视为不合格） (provincial verdict)",
  })
  async judgeSuspectedAttempt(
    @Arg("attemptId", () => Int) attemptId: number,
    @Arg("verdict", () => CheatingVerdict) verdict: CheatingVerdict,
    @Arg("reason") reason: string,
    @Ctx() ctx: Context,
  ) {
    return itemOf(await judgeSuspected(ctx, attemptId, verdict, reason));
  }

  @FieldResolver(() => String, { description: "医师姓名 (physician name)" })
  async physicianName(@Root() t: AttemptListItem, @Ctx() ctx: Context) {
    return (await ctx.loaders.get(physicianById).load(t.physicianId))?.name ?? "";
  }

  @FieldResolver(() => String, { description: "身份证号码（脱敏） (masked ID number)" })
  async idNumberMasked(@Root() t: AttemptListItem, @Ctx() ctx: Context) {
    const p = await ctx.loaders.get(physicianById).load(t.physicianId);
    return p ? maskIdNumber(p.idNumber) : "";
  }

  @FieldResolver(() => String, { nullable: true, description: "机构名称 (institution)" })
  async institutionName(@Root() t: AttemptListItem, @Ctx() ctx: Context) {
    return (await ctx.loaders.get(institutionById).load(t.institutionId))?.name ?? null;
  }

  @FieldResolver(() => TestPaper, { nullable: true, description: "试卷 (paper)" })
  paper(@Root() t: AttemptListItem, @Ctx() ctx: Context) {
    return t.paperId ? ctx.loaders.get(paperById).load(t.paperId) : null;
  }

  @FieldResolver(() => String, { nullable: true, description: "考核程序 (procedure label)" })
  async procedureLabel(@Root() t: AttemptListItem, @Ctx() ctx: Context) {
    const app = await ctx.loaders.get(applicationById).load(t.applicationId);
    return app?.procedure ? PROCEDURE_LABEL[app.procedure] : null;
  }

  @FieldResolver(() => [SnapshotView], {
    complexity: listCost(10),
    description: "监考照片（不含地址；查看请用 viewAttemptSnapshots） (snapshots without links)",
  })
  async snapshots(@Root() t: AttemptListItem, @Ctx() ctx: Context): Promise<SnapshotView[]> {
    const rows = await ctx.loaders.get(snapshotsByAttempt).load(t.id);
    return rows.map((s) => ({
      id: s.id,
      capturedAt: s.capturedAt,
      similarity: s.similarity,
      viewed: !!s.viewedAt,
      url: null,
    }));
  }
}
