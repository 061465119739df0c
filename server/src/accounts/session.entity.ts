import { Column, Entity, Index, PrimaryColumn } from "typeorm";
import { DateTimeColumn } from "../db/columns";

/**
 * Server-side console session. The cookie carries a random token; only its SHA-256 is stored, so
 * a copy of the table cannot be replayed. Stored in the database so several processes share it.
 */
@Entity({ name: "session" })
export class Session {
  @PrimaryColumn({ type: "varchar", length: 64 })
  tokenHash: string;

  @Index()
  @Column({ type: "int" })
  accountId: number;

  @DateTimeColumn()
  createdAt: Date;

  @DateTimeColumn()
  lastSeenAt: Date;

  @Column({ type: "varchar", length: 64, default: "" })
  ip: string;

  @Column({ type: "varchar", length: 255, default: "" })
  userAgent: string;
}
