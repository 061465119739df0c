import GraphQLUpload from "graphql-upload/GraphQLUpload.mjs";
import type { FileUpload } from "graphql-upload/processRequest.mjs";
import { Arg, Authorized, Ctx, Field, Float, InputType, Int, Mutation, ObjectType, Resolver } from "type-graphql";
import { applicationView } from "../assessment/application.mapping";
import { ApplicationView } from "../assessment/application.view";
import { Role } from "../common/auth";
import type { Context } from "../context";
import { deletePaper, updatePaper } from "./papers.service";
import { importResults, recordScore } from "./results.service";
import { TestPaper } from "./test-paper.entity";
import { TestPaperEditInput } from "./paper.inputs";

@InputType({ description: "按试卷录入一项成绩 (one result against a paper)" })
class TestScoreInput {
  @Field(() => Int) applicationId: number;
  @Field(() => Int, { description: "试卷 (paper)" }) paperId: number;
  @Field(() => Float, { nullable: true, description: "分数；缺考时留空 (score; empty when absent)" })
  score?: number | null;
  @Field({ defaultValue: false, description: "缺考（视为不合格） (absent; counts as failed)" }) absent: boolean;
  @Field(() => Int, { nullable: true }) expectedVersion?: number | null;
}

@ObjectType("ResultImportRow", { description: "成绩导入报告中的一行 (one row of a results import report)" })
class ResultImportRowView {
  @Field(() => Int, { description: "行号（与 Excel 一致） (row number)" }) rowNumber: number;
  @Field({ description: "姓名 (name as written)" }) name: string;
  @Field({ description: "身份证号码（脱敏） (masked)" }) idNumberMasked: string;
  @Field({ description: "试卷名称 (paper name as written)" }) paperName: string;
  @Field({ description: "成绩原文 (score as written)" }) scoreText: string;
  @Field({ description: "该行校验通过 (row accepted)" }) ok: boolean;
  @Field(() => String, { nullable: true, description: "拒绝原因 (why refused)" }) message: string | null;
  @Field(() => String, { nullable: true, description: "写入后的状态 (status label after, when written)" })
  statusLabel: string | null;
}

@ObjectType("ResultImportReport", {
  description: "成绩导入报告：整文件写入或整文件不写入 (results import report: all rows or none)",
})
class ResultImportReportView {
  @Field({ description: "文件名 (file name)" }) fileName: string;
  @Field({ description: "是否已写入（任一行被拒绝则整文件不写入） (written: false when any row was refused)" })
  written: boolean;
  @Field(() => Int, { description: "数据行数 (data rows)" }) totalRows: number;
  @Field(() => Int, { description: "校验通过的行 (rows accepted)" }) accepted: number;
  @Field(() => Int, { description: "被拒绝的行 (rows refused)" }) refused: number;
  @Field(() => [ResultImportRowView], { description: "每一行，按文件顺序 (every row, in file order)" })
  rows: ResultImportRowView[];
}

@Resolver()
export class ResultsResolver {
  @Authorized(Role.PROVINCIAL_ADMIN, Role.ASSESSMENT_INSTITUTION)
  @Mutation(() => TestPaper, {
    description: "修改试卷：仅出卷方，且该试卷尚无测评记录 (edit a paper; only while no attempt refers to it)",
  })
  updateTestPaper(
    @Arg("id", () => Int, { description: "试卷 (paper)" }) id: number,
    @Arg("input") input: TestPaperEditInput,
    @Ctx() ctx: Context,
  ) {
    return updatePaper(ctx, id, input);
  }

  @Authorized(Role.PROVINCIAL_ADMIN, Role.ASSESSMENT_INSTITUTION)
  @Mutation(() => Boolean, {
    description: "删除试卷：仅出卷方，且该试卷尚无测评记录 (delete a paper; only while no attempt refers to it)",
  })
  deleteTestPaper(@Arg("id", () => Int, { description: "试卷 (paper)" }) id: number, @Ctx() ctx: Context) {
    return deletePaper(ctx, id);
  }

  @Authorized(Role.ASSESSMENT_INSTITUTION)
  @Mutation(() => ApplicationView, {
    description:
      "考核机构按试卷录入成绩：按分数线评定，缺考视为不合格，并推动考核流程（同 recordTestResult） (record a score)",
  })
  async recordTestScore(@Arg("input") input: TestScoreInput, @Ctx() ctx: Context) {
    const app = await recordScore(ctx, {
      applicationId: input.applicationId,
      paperId: input.paperId,
      score: input.score ?? null,
      absent: input.absent,
      expectedVersion: input.expectedVersion,
    });
    return applicationView(app, true);
  }

  @Authorized(Role.ASSESSMENT_INSTITUTION)
  @Mutation(() => ResultImportReportView, {
    description:
      "批量导入测评成绩（.xlsx 或 .csv，模板见 GET /templates/test-results.xlsx）：逐行校验，任一行被拒绝则整个文件不写入 (import results: all or nothing)",
  })
  importTestResults(@Arg("file", () => GraphQLUpload) file: Promise<FileUpload>, @Ctx() ctx: Context) {
    return importResults(ctx, file);
  }
}
