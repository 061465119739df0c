import { Column, Entity, Index, PrimaryGeneratedColumn } from "typeorm";
import { DateTimeColumn } from "../db/columns";

/** 消息已读: a physician has read the message that one timeline event of his application gave him. */
@Entity({ name: "portal_message_read" })
@Index(["physicianId", "eventId"], { unique: true })
export class PortalMessageRead {
  @PrimaryGeneratedColumn()
  id: number;

  @Column({ type: "int" })
  physicianId: number;

  @Column({ type: "int" })
  eventId: number;

  @DateTimeColumn()
  readAt: Date;
}
