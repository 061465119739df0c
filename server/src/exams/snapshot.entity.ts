import { Column, Entity, Index, PrimaryGeneratedColumn } from "typeorm";
import { DateTimeColumn } from "../db/columns";

/** 监考照片: a picture taken during a test attempt, compared with the physician's photo by the test system. */
@Entity({ name: "proctoring_snapshot" })
@Index(["attemptId", "capturedAt"])
export class ProctoringSnapshot {
  @PrimaryGeneratedColumn()
  id: number;

  @Column({ type: "int" })
  attemptId: number;

  @Column({ type: "int" })
  institutionId: number;

  /** The image (an attachment with ownerType SNAPSHOT). */
  @Column({ type: "int" })
  attachmentId: number;

  @DateTimeColumn()
  capturedAt: Date;

  /** Similarity to the reference photo, 0–100 (%), supplied by the test system. */
  @Column({ type: "double" })
  similarity: number;

  @DateTimeColumn({ nullable: true })
  viewedAt: Date | null;

  @Column({ type: "int", nullable: true })
  viewedByAccountId: number | null;

  @DateTimeColumn()
  createdAt: Date;
}
