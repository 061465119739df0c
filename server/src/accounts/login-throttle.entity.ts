import { Column, Entity, Index, PrimaryColumn } from "typeorm";
import { DateTimeColumn } from "../db/columns";

/**
 * Failed sign-ins and the lock, per attempted user name — whether or not an account has that name, so an
 * unknown name (a physician's ID number that is not registered) is answered exactly like a known one.
 */
@Entity({ name: "login_throttle" })
export class LoginThrottle {
  @PrimaryColumn({ type: "varchar", length: 64 })
  username: string;

  /** Attempts counted since the last success or lock; an attempt is counted before its password is checked. */
  @Column({ type: "int", default: 0 })
  failedCount: number;

  @DateTimeColumn({ nullable: true })
  lockedUntil: Date | null;

  @Index()
  @DateTimeColumn()
  updatedAt: Date;
}
