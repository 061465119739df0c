import { Column, Entity, Index, PrimaryGeneratedColumn, Unique } from "typeorm";
import { DateTimeColumn } from "../db/columns";
import { Procedure, TestKind } from "./procedure";
import { ApplicationStatus, ExemptionStatus } from "./workflow";
import type { InstitutionReview, Submission, AssessmentReview } from "./application.types";

/**
 * 考核申请: one physician in one cycle. Every rostered physician of the current cycle has one
 * (NOT_ENROLLED until the institution enrolls him), so status counts are plain counts.
 * `version` makes transitions optimistic: UPDATE … WHERE id = ? AND version = ?.
 */
@Entity({ name: "application" })
@Unique(["cycleId", "physicianId"])
@Index(["cycleId", "institutionId", "status", "id"])
@Index(["cycleId", "institutionId", "procedure", "status"])
@Index(["cycleId", "institutionId", "exemptionStatus"])
@Index(["cycleId", "institutionId", "departmentId"])
@Index(["updatedAt", "id"])
// 考核进度 in registration order (InnoDB appends the primary key) or by the latest action.
@Index(["cycleId", "institutionId", "id"])
@Index(["cycleId", "institutionId", "lastActionAt", "id"])
@Index(["cycleId", "institutionId", "status", "lastActionAt"])
// 复核 and 录入成绩 queues: first submitted first, and the submitted-date filter.
@Index(["cycleId", "institutionId", "status", "submittedAt"])
export class Application {
  @PrimaryGeneratedColumn()
  id: number;

  @Column({ type: "int" })
  cycleId: number;

  @Index()
  @Column({ type: "int" })
  physicianId: number;

  /**
   * The institution responsible for this application. Null while a not-yet-enrolled physician is
   * transferred out and not taken in anywhere: such an application is in no list and no count.
   */
  @Column({ type: "int", nullable: true })
  institutionId: number | null;

  @Column({ type: "int", nullable: true })
  departmentId: number | null;

  // `procedure` is a reserved word in MySQL/MariaDB: the column has another name.
  @Column({ name: "procedure_type", type: "simple-enum", enum: Procedure, nullable: true })
  procedure: Procedure | null;

  @Column({ type: "simple-enum", enum: ApplicationStatus })
  status: ApplicationStatus;

  @Column({ type: "simple-enum", enum: ExemptionStatus, default: ExemptionStatus.NONE })
  exemptionStatus: ExemptionStatus;

  @Column({ type: "simple-enum", enum: TestKind, nullable: true })
  exemptedTest: TestKind | null;

  @Column({ type: "varchar", length: 64, nullable: true })
  exemptionReason: string | null;

  @Column({ type: "varchar", length: 500, nullable: true })
  exemptionNote: string | null;

  @DateTimeColumn({ nullable: true })
  exemptionRequestedAt: Date | null;

  /** The physician's unsent draft: the institution never sees it. */
  @Column({ type: "simple-json", nullable: true })
  draft: Submission | null;

  /** What the physician submitted, with a snapshot of basic and practice info as of submission. */
  @Column({ type: "simple-json", nullable: true })
  submission: Submission | null;

  @DateTimeColumn({ nullable: true })
  submittedAt: Date | null;

  @Column({ type: "simple-json", nullable: true })
  institutionReview: InstitutionReview | null;

  @Column({ type: "simple-json", nullable: true })
  assessmentReview: AssessmentReview | null;

  /** Latest return/rejection reason, shown to whoever must act next. */
  @Column({ type: "varchar", length: 500, nullable: true })
  returnReason: string | null;

  /** Label of the last action and when (the progress list shows it without reading the timeline). */
  @Column({ type: "varchar", length: 32, default: "" })
  lastAction: string;

  @DateTimeColumn()
  lastActionAt: Date;

  @Column({ type: "int", default: 1 })
  version: number;

  @DateTimeColumn()
  createdAt: Date;

  @DateTimeColumn()
  updatedAt: Date;
}
