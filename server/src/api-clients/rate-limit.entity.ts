import { Column, Entity, PrimaryColumn } from "typeorm";

/** Requests per key per one-minute window, in the database so every server process shares the count. */
@Entity({ name: "rate_limit_bucket" })
export class RateLimitBucket {
  @PrimaryColumn({ type: "varchar", length: 80 })
  key: string;

  @PrimaryColumn({ type: "bigint", transformer: { to: (v: number) => v, from: (v: string | number) => Number(v) } })
  windowStart: number;

  @Column({ type: "int", default: 0 })
  count: number;
}
