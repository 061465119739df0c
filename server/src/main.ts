import "reflect-metadata";
import type { ServerResponse } from "node:http";
import type { DataSource } from "typeorm";
import { createApp, openDatabase } from "./app";
import { announceListening, isWorker, runWorkers, workerCount, workerId, WorkersNeedMysqlError } from "./cluster";
import { listenForPeerInvalidations } from "./accounts/principal-cache";
import { loadConfig, type AppConfig } from "./config";
import { databaseKind } from "./db/data-source";
import { SqliteFileInUseError } from "./db/sqlite-lock";
import { seedDemo, type DemoLogin } from "./demo/demo";
import { seedDemoVolume } from "./demo/demo-volume";
import { LocalDiskStorage } from "./attachments/storage";
import { logger } from "./logger";

async function main() {
  const config = loadConfig();
  const workers = workerCount(process.env, config.databaseUrl);
  if (isWorker()) return serveAsWorker(config);

  const ds = await openDatabase(config);
  const logins = await demoData(config, ds);
  if (workers > 1) {
    // The primary only prepares the database and keeps the workers running; they open their own connections.
    await ds.destroy();
    const running = await runWorkers(workers);
    logger.info({ url: running.url, database: databaseKind(config), workers }, "server started");
    printBanner(config, running.url, logins, workers);
    onStop(running.stop);
    return;
  }
  const app = await createApp(config, { ds });
  logger.info({ url: app.url, database: databaseKind(config) }, "server started");
  printBanner(config, app.url, logins, 1);
  onStop(async () => {
    await app.close();
    await ds.destroy();
  });
}

/** A worker process: the primary ran the migrations; it serves on the shared port and says so. */
async function serveAsWorker(config: AppConfig) {
  const ds = await openDatabase(config, { migrate: false });
  const app = await createApp(config, { ds });
  const id = String(workerId());
  // Which process answered, for the operator behind the proxy (and the tests that prove any worker will do).
  app.server.prependListener("request", (_req, res: ServerResponse) => res.setHeader("X-Worker", id));
  listenForPeerInvalidations();
  announceListening(app.url);
  const stop = onStop(async () => {
    await app.close();
    await ds.destroy();
  });
  // The primary is gone (killed): nobody will hand this worker connections or stop it.
  process.once("disconnect", () => void stop());
}

async function demoData(config: AppConfig, ds: DataSource): Promise<DemoLogin[]> {
  if (!config.seedDemo) return [];
  if (databaseKind(config) === "mysql" && !config.allowDemoOnMysql) {
    logger.warn("demo data is not seeded into MySQL unless ALLOW_DEMO_SEED_ON_MYSQL=true");
    return [];
  }
  const storage = new LocalDiskStorage(config.storageDir);
  const logins = await seedDemo(ds, storage);
  if (config.seedDemoVolume) logins.push(...(await seedDemoVolume(ds, storage)));
  return logins;
}

function printBanner(config: AppConfig, url: string, logins: DemoLogin[], workers: number) {
  const lines = [
    "",
    `  医师定期考核信息登记管理系统 is running at ${url}`,
    `  GraphQL API: ${url}/graphql${config.sandbox ? " (Apollo Sandbox)" : ""}${config.explorer ? `   Offline explorer: ${url}/explorer` : ""}`,
    `  Database: ${databaseKind(config) === "mysql" ? "MySQL" : `SQLite (${config.sqlitePath})`}`,
  ];
  if (workers > 1) lines.push(`  Worker processes: ${workers}`);
  if (!process.env.PUBLIC_URL) {
    // Printed certificates carry this address in their QR code: a default one sends every reader to localhost.
    const warning = `PUBLIC_URL is not set: certificates' QR codes point at ${config.publicUrl}/verify/…; set it to the address users reach`;
    logger.warn(warning);
    lines.push("", `  Warning: ${warning}`);
  }
  if (logins.length) {
    lines.push("", "  Demo logins:");
    for (const l of logins) lines.push(`    ${l.username.padEnd(20)} ${l.password.padEnd(22)} ${l.who}`);
  }
  process.stdout.write(`${lines.join("\n")}\n\n`);
}

/** SIGINT/SIGTERM end the process after `close`; the returned function does the same when called. */
function onStop(close: () => Promise<void>): () => Promise<void> {
  let stopping: Promise<void> | null = null;
  const stop = () =>
    (stopping ??= close()
      .catch((err: unknown) => logger.error({ err }, "stop failed"))
      .then(() => process.exit(0)));
  process.once("SIGINT", () => void stop());
  process.once("SIGTERM", () => void stop());
  return stop;
}

main().catch((err) => {
  logger.fatal({ err }, "start-up failed");
  // Said plainly too: an operator starting a second process on the same SQLite file must see why it stopped.
  if (err instanceof SqliteFileInUseError || err instanceof WorkersNeedMysqlError)
    process.stderr.write(`\n  ${err.message}\n\n`);
  process.exit(1);
});
