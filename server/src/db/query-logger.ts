import { AbstractLogger, type LogLevel, type LogMessage } from "typeorm";
import { logger } from "../logger";

/**
 * TypeORM's messages as structured log lines. Its default console logger prints every slow query with its
 * parameters (ID numbers, names), and with a query timeout set every timed-out query is a slow one: here a slow
 * query is logged with its statement cut short and without parameters.
 */
export class StructuredQueryLogger extends AbstractLogger {
  override logQuerySlow(time: number, query: string): void {
    logger.warn({ ms: time, sql: query.slice(0, 200) }, "slow query");
  }

  protected writeLog(level: LogLevel, message: LogMessage | LogMessage[]): void {
    for (const m of Array.isArray(message) ? message : [message]) {
      if (m.type === "migration") logger.info({ migration: String(m.message) }, "migration");
      else if (level === "warn") logger.warn({ message: String(m.message).slice(0, 500) }, "database");
    }
  }
}
