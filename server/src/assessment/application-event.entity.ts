import { Column, Entity, Index, PrimaryGeneratedColumn } from "typeorm";
import { DateTimeColumn } from "../db/columns";
import { ApplicationStatus } from "./workflow";

/** One line of an application's timeline: who, in which role, did what, from which status to which, why, when. */
@Entity({ name: "application_event" })
@Index(["applicationId", "id"])
// The dashboard's trend counts one action's events per day.
@Index(["action", "at"])
export class ApplicationEvent {
  @PrimaryGeneratedColumn()
  id: number;

  @Column({ type: "int" })
  applicationId: number;

  @DateTimeColumn()
  at: Date;

  @Column({ type: "varchar", length: 16 })
  actorType: string;

  @Column({ type: "int", nullable: true })
  actorId: number | null;

  @Column({ type: "varchar", length: 128, default: "" })
  actorName: string;

  @Column({ type: "varchar", length: 32, default: "" })
  actorRole: string;

  @Column({ type: "varchar", length: 40 })
  action: string;

  @Column({ type: "simple-enum", enum: ApplicationStatus, nullable: true })
  fromStatus: ApplicationStatus | null;

  @Column({ type: "simple-enum", enum: ApplicationStatus, nullable: true })
  toStatus: ApplicationStatus | null;

  @Column({ type: "varchar", length: 500, nullable: true })
  reason: string | null;

  /** The 报名 sections a return to the physician names, comma-separated (workflow.ts ReturnSection). */
  @Column({ type: "varchar", length: 200, nullable: true })
  sections: string | null;

  @Column({ type: "text", nullable: true })
  detail: string | null;

  @Column({ type: "varchar", length: 64, default: "" })
  ip: string;
}

/** The table's columns but its id, in order, for multi-row INSERTs of plain tuples (db/bulk-insert.ts). */
export const EVENT_COLUMNS = [
  "application_id",
  "at",
  "actor_type",
  "actor_id",
  "actor_name",
  "actor_role",
  "action",
  "from_status",
  "to_status",
  "reason",
  "detail",
  "ip",
];
