import "reflect-metadata";
import { createApp, openDatabase } from "./app";
import { loadConfig } from "./config";
import { databaseKind } from "./db/data-source";
import { SqliteFileInUseError } from "./db/sqlite-lock";
import { seedDemo } from "./demo/demo";
import { seedDemoVolume } from "./demo/demo-volume";
import { LocalDiskStorage } from "./attachments/storage";
import { logger } from "./logger";

async function main() {
  const config = loadConfig();
  const ds = await openDatabase(config);
  let logins: Awaited<ReturnType<typeof seedDemo>> = [];
  if (config.seedDemo) {
    if (databaseKind(config) === "mysql" && !config.allowDemoOnMysql) {
      logger.warn("demo data is not seeded into MySQL unless ALLOW_DEMO_SEED_ON_MYSQL=true");
    } else {
      const storage = new LocalDiskStorage(config.storageDir);
      logins = await seedDemo(ds, storage);
      if (config.seedDemoVolume) logins.push(...(await seedDemoVolume(ds, storage)));
    }
  }
  const app = await createApp(config, { ds });
  logger.info({ url: app.url, database: databaseKind(config) }, "server started");

  const lines = [
    "",
    `  医师定期考核信息登记管理系统 is running at ${app.url}`,
    `  GraphQL API: ${app.url}/graphql${config.sandbox ? " (Apollo Sandbox)" : ""}${config.explorer ? `   Offline explorer: ${app.url}/explorer` : ""}`,
    `  Database: ${databaseKind(config) === "mysql" ? "MySQL" : `SQLite (${config.sqlitePath})`}`,
  ];
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

  const stop = async () => {
    await app.close();
    await ds.destroy();
    process.exit(0);
  };
  process.once("SIGINT", stop);
  process.once("SIGTERM", stop);
}

main().catch((err) => {
  logger.fatal({ err }, "start-up failed");
  // Said plainly too: an operator starting a second process on the same SQLite file must see why it stopped.
  if (err instanceof SqliteFileInUseError) process.stderr.write(`\n  ${err.message}\n\n`);
  process.exit(1);
});
