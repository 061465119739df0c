import { IsNull, LessThan, type DataSource } from "typeorm";
import { isSqlite } from "../../db/data-source";
import { logger } from "../../logger";
import { ImportJob, ImportOutcome, ImportRowResult } from "./import-job.entity";
import { IMPORT_HEARTBEAT_MS } from "./import.service";

/** A running import touches its job every IMPORT_HEARTBEAT_MS; one untouched for this long has no process left. */
export const IMPORT_STALE_MS = 4 * IMPORT_HEARTBEAT_MS;
export const INTERRUPTED_REASON =
  "导入被中断（服务器在导入过程中停止）；已处理的行保留，详见导入报告，请核对后重新导入其余行";

/**
 * Marks imports interrupted by a crash as failed, with the rows they really wrote (each chunk's report rows are
 * committed with its physicians, so the report is the truth). `everyUnfinished` is for SQLite at start: one
 * process only (db/sqlite-lock.ts), so no other import can be running.
 */
export async function failInterruptedImports(ds: DataSource, everyUnfinished: boolean): Promise<number> {
  const jobs = ds.getRepository(ImportJob);
  const stale = await jobs.find({
    where: everyUnfinished
      ? { finishedAt: IsNull() }
      : [
          { finishedAt: IsNull(), heartbeatAt: LessThan(new Date(Date.now() - IMPORT_STALE_MS)) },
          { finishedAt: IsNull(), heartbeatAt: IsNull(), startedAt: LessThan(new Date(Date.now() - IMPORT_STALE_MS)) },
        ],
    select: { id: true },
  });
  for (const { id } of stale) {
    const counts: { outcome: ImportOutcome; n: number | string }[] = await ds
      .getRepository(ImportRowResult)
      .createQueryBuilder("r")
      .select("r.outcome", "outcome")
      .addSelect("COUNT(*)", "n")
      .where("r.jobId = :id", { id })
      .groupBy("r.outcome")
      .getRawMany();
    const count = (o: ImportOutcome) => Number(counts.find((c) => c.outcome === o)?.n ?? 0);
    const tally = {
      created: count(ImportOutcome.CREATED),
      updated: count(ImportOutcome.UPDATED),
      refused: count(ImportOutcome.REFUSED),
    };
    await jobs.update(
      { id, finishedAt: IsNull() },
      {
        ...tally,
        totalRows: tally.created + tally.updated + tally.refused,
        finishedAt: new Date(),
        failureReason: INTERRUPTED_REASON,
      },
    );
    logger.warn({ jobId: id, ...tally }, "interrupted roster import marked failed");
  }
  return stale.length;
}

/** At start, and every minute after (another process of a MySQL deployment may have died meanwhile). */
export function watchInterruptedImports(ds: DataSource): { stop(): void; started: Promise<unknown> } {
  const sweep = (everyUnfinished: boolean) =>
    failInterruptedImports(ds, everyUnfinished).catch((err: unknown) =>
      logger.error({ err }, "could not check for interrupted imports"),
    );
  const started = sweep(isSqlite(ds));
  const timer = setInterval(() => void sweep(false), 60_000).unref();
  return { stop: () => clearInterval(timer), started };
}
