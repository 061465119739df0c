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

  /** Wrong passwords (or unusable accounts) since the last success or lock: attempts whose check has ended. */
  @Column({ type: "int", default: 0 })
  failedCount: number;

  /**
   * Attempts whose password is being checked now (in any server process). With the failures they may not
   * exceed the allowed attempts, so no more passwords are checked than the lock allows, and an attempt that
   * finds no free slot waits for one instead of being told the account is locked.
   */
  @Column({ type: "int", default: 0 })
  inFlight: number;

  /** The last time an attempt took a slot: slots older than a password check can take were lost (a killed process). */
  @DateTimeColumn({ nullable: true })
  inFlightAt: Date | null;

  @DateTimeColumn({ nullable: true })
  lockedUntil: Date | null;

  @Index()
  @DateTimeColumn()
  updatedAt: Date;
}
