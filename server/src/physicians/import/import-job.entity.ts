import { Field, Int, ObjectType, registerEnumType } from "type-graphql";
import { Column, Entity, Index, PrimaryGeneratedColumn } from "typeorm";
import { DateTimeColumn } from "../../db/columns";

export enum ImportOutcome {
  CREATED = "CREATED",
  UPDATED = "UPDATED",
  REFUSED = "REFUSED",
}
registerEnumType(ImportOutcome, {
  name: "ImportOutcome",
  description: "导入行结果 (outcome of one roster row)",
  valuesConfig: {
    CREATED: { description: "新增 (a new physician and account were created)" },
    UPDATED: { description: "更新 (an existing physician of the institution was updated)" },
    REFUSED: { description: "拒绝 (nothing was written for this row; see messages)" },
  },
});

/** One roster import: who, which file, and the tallies of its row-level report. */
@ObjectType({ description: "医师名册导入报告 (roster import report)" })
@Entity({ name: "import_job" })
export class ImportJob {
  @Field(() => Int)
  @PrimaryGeneratedColumn()
  id: number;

  @Column({ type: "int" })
  byAccountId: number;

  @Field(() => Int, {
    nullable: true,
    description: "导入到的机构；省市导入时为空（每行指定机构） (target institution)",
  })
  @Index()
  @Column({ type: "int", nullable: true })
  institutionId: number | null;

  @Column({ type: "varchar", length: 6, nullable: true })
  regionCode: string | null;

  @Field({ description: "文件名 (file name)" })
  @Column({ type: "varchar", length: 255 })
  fileName: string;

  @Field(() => Int, { description: "数据行数 (data rows read)" })
  @Column({ type: "int", default: 0 })
  totalRows: number;

  @Field(() => Int, { description: "新增 (created)" })
  @Column({ type: "int", default: 0 })
  created: number;

  @Field(() => Int, { description: "更新 (updated)" })
  @Column({ type: "int", default: 0 })
  updated: number;

  @Field(() => Int, { description: "拒绝 (refused)" })
  @Column({ type: "int", default: 0 })
  refused: number;

  @Field(() => Date)
  @DateTimeColumn()
  startedAt: Date;

  @Field(() => Date, { nullable: true, description: "结束时间；为空表示仍在导入 (finished or failed at)" })
  @Index()
  @DateTimeColumn({ nullable: true })
  finishedAt: Date | null;

  @Field(() => String, {
    nullable: true,
    description:
      "导入失败或中断的原因；为空表示导入正常完成（或仍在进行）。失败前已处理的行保留，见 rows (why the import failed or was interrupted; rows handled before stay)",
  })
  @Column({ type: "varchar", length: 500, nullable: true })
  failureReason: string | null;

  /** Touched while the import runs: a job left unfinished and untouched was interrupted (interrupted-imports.ts). */
  @DateTimeColumn({ nullable: true })
  heartbeatAt: Date | null;
}

@ObjectType({ description: "导入报告中的一行 (one row of the report)" })
@Entity({ name: "import_row_result" })
@Index(["jobId", "outcome", "rowNumber"])
export class ImportRowResult {
  @PrimaryGeneratedColumn()
  id: number;

  @Column({ type: "int" })
  jobId: number;

  @Field(() => Int, { description: "Excel 中的行号 (row number as Excel shows it)" })
  @Column({ type: "int" })
  rowNumber: number;

  @Field(() => ImportOutcome)
  @Column({ type: "simple-enum", enum: ImportOutcome })
  outcome: ImportOutcome;

  @Field({ description: "姓名 (name as given)" })
  @Column({ type: "varchar", length: 64, default: "" })
  name: string;

  @Field({ description: "身份证号码（脱敏） (masked ID number)" })
  @Column({ type: "varchar", length: 24, default: "" })
  idNumberMasked: string;

  @Field(() => [String], { description: "原因（拒绝时） (why refused)" })
  @Column({ type: "simple-json" })
  messages: string[];
}
