import { invalidatePrincipals } from "../accounts/principal-cache";
import { AbstractLogger, type LogLevel, type LogMessage, type QueryRunner } from "typeorm";

/** A TypeORM logger that counts SQL statements, to prove a page costs the same for 10 or 100 rows. */
export class QueryCounter extends AbstractLogger {
  count = 0;
  statements: string[] = [];
  override logQuery(query: string): void {
    this.count++;
    this.statements.push(query);
  }
  protected writeLog(_level: LogLevel, _message: LogMessage | LogMessage[], _runner?: QueryRunner): void {}
  /** Also empties the principal cache, so every measurement counts the session statement alike. */
  reset(): void {
    invalidatePrincipals();
    this.clear();
  }
  /** Forgets the statements counted so far and keeps the principal cache (to count a request with the caller known). */
  clear(): void {
    this.count = 0;
    this.statements = [];
  }
}
