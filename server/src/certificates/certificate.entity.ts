import { Column, Entity, Index, PrimaryGeneratedColumn } from "typeorm";
import { DateTimeColumn } from "../db/columns";
import type { CertificateImageData } from "./render/certificate-image";

/**
 * 医师定期考核合格证明: issued when an application becomes 合格, with the facts as of that moment.
 * The image is rendered once and stored, so every download returns the same bytes.
 */
@Entity({ name: "certificate" })
export class Certificate {
  @PrimaryGeneratedColumn()
  id: number;

  @Index({ unique: true })
  @Column({ type: "int" })
  applicationId: number;

  @Index({ unique: true })
  @Column({ type: "varchar", length: 32 })
  number: string;

  @Column({ type: "int" })
  physicianId: number;

  /** Unguessable code (12 Crockford base32 characters, no dashes) that public verification needs with the number. */
  @Index({ unique: true })
  @Column({ type: "varchar", length: 12 })
  verificationCode: string;

  @Index()
  @Column({ type: "int" })
  institutionId: number;

  @Column({ type: "int" })
  cycleId: number;

  @DateTimeColumn()
  issuedAt: Date;

  /** What the image shows (and verification answers with). */
  @Column({ type: "simple-json" })
  data: Omit<CertificateImageData, "verifyUrl" | "verificationCode">;

  @Column({ type: "varchar", length: 64, nullable: true })
  imageKey: string | null;

  @Column({ type: "varchar", length: 64, nullable: true })
  imageSha256: string | null;

  @Column({ type: "int", nullable: true })
  imageSize: number | null;

  /** Set when the application left 合格 (e.g. cheating confirmed afterwards). */
  @DateTimeColumn({ nullable: true })
  revokedAt: Date | null;

  @Column({ type: "varchar", length: 255, nullable: true })
  revokeReason: string | null;

  @Index()
  @DateTimeColumn()
  updatedAt: Date;
}
