import { Column, Entity, Index, PrimaryGeneratedColumn } from "typeorm";
import { DateTimeColumn } from "../db/columns";

/**
 * An uploaded file. `ownerType`/`ownerId` name the record it belongs to (an application, an
 * assessment-institution request, a proctoring snapshot …); the owning feature decides who sees it.
 */
@Entity({ name: "attachment" })
@Index(["ownerType", "ownerId"])
export class Attachment {
  @PrimaryGeneratedColumn()
  id: number;

  @Column({ type: "varchar", length: 32 })
  ownerType: string;

  @Column({ type: "int" })
  ownerId: number;

  /** What the file is for within its owner, e.g. MATERIAL, REPORT, EVIDENCE. */
  @Column({ type: "varchar", length: 32, default: "" })
  purpose: string;

  @Column({ type: "varchar", length: 255 })
  fileName: string;

  @Column({ type: "varchar", length: 64 })
  mimeType: string;

  @Column({ type: "int" })
  size: number;

  @Column({ type: "varchar", length: 64 })
  sha256: string;

  /** Looked up when an attachment is removed: its file goes once no row refers to it. */
  @Index()
  @Column({ type: "varchar", length: 64 })
  storageKey: string;

  @Column({ type: "int", nullable: true })
  uploadedByAccountId: number | null;

  @DateTimeColumn()
  createdAt: Date;
}
