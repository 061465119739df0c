import { registerEnumType } from "type-graphql";
import { Column, Entity, Index, PrimaryGeneratedColumn } from "typeorm";
import { TestKind } from "../assessment/procedure";
import { DateTimeColumn } from "../db/columns";

export enum AttemptStatus {
  NOT_STARTED = "NOT_STARTED",
  IN_PROGRESS = "IN_PROGRESS",
  SUBMITTED = "SUBMITTED",
  GRADED = "GRADED",
  ABSENT = "ABSENT",
}
export const ATTEMPT_STATUS_LABEL: Record<AttemptStatus, string> = {
  NOT_STARTED: "未开始",
  IN_PROGRESS: "进行中",
  SUBMITTED: "已交卷",
  GRADED: "已评分",
  ABSENT: "缺考",
};
registerEnumType(AttemptStatus, {
  name: "AttemptStatus",
  description: "测评状态 (status of a test attempt)",
  valuesConfig: Object.fromEntries(
    Object.entries(ATTEMPT_STATUS_LABEL).map(([k, v]) => [k, { description: v }]),
  ) as Record<AttemptStatus, { description: string }>,
});

export enum CheatingVerdict {
  NONE = "NONE",
  CLEARED = "CLEARED",
  CONFIRMED = "CONFIRMED",
}
export const VERDICT_LABEL: Record<CheatingVerdict, string> = {
  NONE: "未认定",
  CLEARED: "已撤销标记",
  CONFIRMED: "认定作弊",
};

registerEnumType(CheatingVerdict, {
  name: "CheatingVerdict",
  description: "省级卫生行政部门对疑似作弊的认定 (provincial verdict on suspected cheating)",
  valuesConfig: {
    NONE: { description: "未认定 (no verdict)" },
    CLEARED: { description: "已撤销标记 (mark removed: not cheating)" },
    CONFIRMED: { description: "认定作弊，本次测评作废 (cheating confirmed: the attempt is void and counts as failed)" },
  },
});

/**
 * 测评记录: one sitting of one test (医学人文 or 业务水平) by one physician, first or make-up.
 * A result recorded by hand (no paper) is an attempt too, so the workflow reads one table.
 */
@Entity({ name: "test_attempt" })
@Index(["applicationId", "testKind"])
@Index(["cycleId", "institutionId", "status", "id"])
@Index(["cycleId", "institutionId", "paperId"])
@Index(["cycleId", "institutionId", "suspected"])
@Index(["cycleId", "institutionId", "minSimilarity"])
export class TestAttempt {
  @PrimaryGeneratedColumn()
  id: number;

  @Column({ type: "int" })
  applicationId: number;

  @Column({ type: "int" })
  cycleId: number;

  @Column({ type: "int" })
  physicianId: number;

  @Column({ type: "int" })
  institutionId: number;

  @Column({ type: "int", nullable: true })
  paperId: number | null;

  @Column({ type: "simple-enum", enum: TestKind })
  testKind: TestKind;

  @Column({ type: "boolean", default: false })
  isMakeup: boolean;

  @Column({ type: "simple-enum", enum: AttemptStatus })
  status: AttemptStatus;

  @DateTimeColumn({ nullable: true })
  startedAt: Date | null;

  @DateTimeColumn({ nullable: true })
  submittedAt: Date | null;

  @Column({ type: "double", nullable: true })
  score: number | null;

  @Column({ type: "boolean", nullable: true })
  passed: boolean | null;

  /** Lowest snapshot similarity (%) so far: the 监考管理 filter "below N %" is an index range. */
  @Column({ type: "double", nullable: true })
  minSimilarity: number | null;

  @Column({ type: "int", default: 0 })
  snapshotCount: number;

  /** When the institution first looked at the attempt's snapshots (查看状态). */
  @DateTimeColumn({ nullable: true })
  viewedAt: Date | null;

  /** 标记疑似: one-way for institutions; only the province clears it. */
  @Column({ type: "boolean", default: false })
  suspected: boolean;

  @DateTimeColumn({ nullable: true })
  suspectedAt: Date | null;

  @Column({ type: "int", nullable: true })
  suspectedByAccountId: number | null;

  @Column({ type: "simple-enum", enum: CheatingVerdict, default: CheatingVerdict.NONE })
  verdict: CheatingVerdict;

  @Column({ type: "varchar", length: 500, nullable: true })
  verdictReason: string | null;

  /** A confirmed cheating verdict voids the attempt: it counts as failed. */
  @Column({ type: "boolean", default: false })
  voided: boolean;

  @Column({ type: "varchar", length: 16, default: "" })
  recordedByType: string;

  @Column({ type: "int", nullable: true })
  recordedById: number | null;

  @Column({ type: "int", default: 1 })
  version: number;

  @DateTimeColumn()
  createdAt: Date;

  @DateTimeColumn()
  updatedAt: Date;
}
