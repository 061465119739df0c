import { registerEnumType } from "type-graphql";
import { Column, DeleteDateColumn, Entity, Index, PrimaryGeneratedColumn, VersionColumn } from "typeorm";
import { DateOnlyColumn, DateTimeColumn } from "../db/columns";

export enum Gender {
  MALE = "MALE",
  FEMALE = "FEMALE",
}
registerEnumType(Gender, {
  name: "Gender",
  description: "性别 (gender; derived from the ID number's sequence digit)",
  valuesConfig: { MALE: { description: "男" }, FEMALE: { description: "女" } },
});

export enum PhysicianLevel {
  PHYSICIAN = "PHYSICIAN",
  ASSISTANT = "ASSISTANT",
}
registerEnumType(PhysicianLevel, {
  name: "PhysicianLevel",
  description: "医师级别 (physician level)",
  valuesConfig: { PHYSICIAN: { description: "执业医师" }, ASSISTANT: { description: "执业助理医师" } },
});

export enum PractisingStatus {
  PRACTISING = "PRACTISING",
  SUSPENDED = "SUSPENDED",
  NOT_PRACTISING = "NOT_PRACTISING",
}
registerEnumType(PractisingStatus, {
  name: "PractisingStatus",
  description: "执业状态 (practising status)",
  valuesConfig: {
    PRACTISING: { description: "执业中 (practising)" },
    SUSPENDED: { description: "暂停执业 (suspended)" },
    NOT_PRACTISING: { description: "已确认不执业 (confirmed as no longer practising; may be deleted)" },
  },
});

export const PRACTISING_STATUS_LABEL: Record<PractisingStatus, string> = {
  PRACTISING: "执业中",
  SUSPENDED: "暂停执业",
  NOT_PRACTISING: "已确认不执业",
};

export interface OtherPracticeSite {
  institutionName: string;
  startDate: string | null;
  endDate: string | null;
}

/**
 * 医师: what the registration system holds about a physician. The resident ID number is stored
 * in its canonical 18-character form; a 15-digit original is kept beside it for look-ups.
 * Deleting keeps the row (soft delete) so audit and history stay readable.
 */
@Entity({ name: "physician" })
@Index(["institutionId", "id"])
@Index(["institutionId", "departmentId"])
@Index(["institutionId", "categoryCode"])
@Index(["institutionId", "practisingStatus"])
@Index(["institutionId", "name"])
export class Physician {
  @PrimaryGeneratedColumn()
  id: number;

  @Column({ type: "varchar", length: 64 })
  name: string;

  @Column({ type: "simple-enum", enum: Gender })
  gender: Gender;

  @DateOnlyColumn()
  birthDate: string;

  @Index({ unique: true })
  @Column({ type: "varchar", length: 18 })
  idNumber: string;

  @Index()
  @Column({ type: "varchar", length: 15, nullable: true })
  legacyIdNumber: string | null;

  @Column({ type: "varchar", length: 20, default: "" })
  phone: string;

  /** 医师资格证书编码 */
  @Column({ type: "varchar", length: 32, default: "" })
  qualificationCertNo: string;

  /** 医师执业证书编码 */
  @Column({ type: "varchar", length: 32, default: "" })
  practiceCertNo: string;

  /** 执业类别 code: 1 临床, 2 口腔, 3 公共卫生, 4 中医 */
  @Column({ type: "varchar", length: 2 })
  categoryCode: string;

  /** 执业范围 codes of that category */
  @Column({ type: "simple-json" })
  scopeCodes: string[];

  @Column({ type: "simple-enum", enum: PhysicianLevel })
  level: PhysicianLevel;

  /** 职称 */
  @Column({ type: "varchar", length: 32, default: "" })
  title: string;

  @DateOnlyColumn({ nullable: true })
  firstPracticeDate: string | null;

  /** Main institution (执业注册所在机构); null once transferred out and not yet taken in. */
  @Column({ type: "int", nullable: true })
  institutionId: number | null;

  @Column({ type: "int", nullable: true })
  departmentId: number | null;

  /** 多机构执业: other practice sites. */
  @Column({ type: "simple-json" })
  otherPracticeSites: OtherPracticeSite[];

  @Column({ type: "simple-enum", enum: PractisingStatus, default: PractisingStatus.PRACTISING })
  practisingStatus: PractisingStatus;

  /** Reference photo for proctoring (an attachment id). */
  @Column({ type: "int", nullable: true })
  photoAttachmentId: number | null;

  @VersionColumn({ default: 1 })
  version: number;

  @DateTimeColumn()
  createdAt: Date;

  @Index()
  @DateTimeColumn()
  updatedAt: Date;

  @DeleteDateColumn({ type: "datetime", precision: 3, nullable: true })
  deletedAt: Date | null;
}

/** 调入/调离 history: a physician keeps it across institutions. */
@Entity({ name: "physician_transfer" })
@Index(["physicianId", "at"])
export class PhysicianTransfer {
  @PrimaryGeneratedColumn()
  id: number;

  @Column({ type: "int" })
  physicianId: number;

  @Column({ type: "varchar", length: 8 })
  direction: "OUT" | "IN";

  @Column({ type: "int", nullable: true })
  institutionId: number | null;

  @Column({ type: "varchar", length: 64, default: "" })
  reason: string;

  @Column({ type: "int", nullable: true })
  byAccountId: number | null;

  @DateTimeColumn()
  at: Date;
}
