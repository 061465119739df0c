import "reflect-metadata";
import { randomBytes } from "node:crypto";
import { existsSync } from "node:fs";
import http from "node:http";
import type { AddressInfo } from "node:net";
import path from "node:path";
import { ApolloServer, type ApolloServerPlugin } from "@apollo/server";
import { ApolloServerPluginDrainHttpServer } from "@apollo/server/plugin/drainHttpServer";
import {
  ApolloServerPluginCacheControlDisabled,
  ApolloServerPluginLandingPageDisabled,
} from "@apollo/server/plugin/disabled";
import { ApolloServerPluginLandingPageLocalDefault } from "@apollo/server/plugin/landingPage/default";
import cors from "cors";
import express, { type NextFunction, type Request, type Response } from "express";
import type { DataSource } from "typeorm";
import { downloadRouter } from "./attachments/download.route";
import { multipartUploads } from "./attachments/upload-gate";
import { rateLimit } from "./api-clients/rate-limit";
import { apiCallAuditPlugin } from "./api-clients/api-call-audit";
import { templateRouter } from "./physicians/import/template.route";
import { resultsTemplateRouter } from "./exams/results-template";
import { watchInterruptedImports } from "./physicians/import/interrupted-imports";
import { certificateRouter } from "./certificates/certificate.route";
import { backfillSqliteVerificationCodes } from "./certificates/sqlite-verification-codes";
import { explorerRouter } from "./explorer/explorer.route";
import { LocalDiskStorage } from "./attachments/storage";
import { UrlSigner } from "./attachments/signing";
import { formatError, serviceUnavailableError, unavailableStatusPlugin } from "./common/errors";
import { graphqlHandler } from "./common/graphql-http";
import { securityHeaders } from "./common/security-headers";
import { consoleFiles } from "./common/static-files";
import { aliasLimitRule, batchLimit, costLimitPlugin, depthLimitRule } from "./common/query-limits";
import { loadPersistedOperations, persistedOperations } from "./common/persisted-operations";
import { compiledGateway } from "./common/compiled-executor";
import { series } from "./common/middleware-series";
import { applyHeapGrowth } from "./heap-growth";
import type { AppConfig } from "./config";
import { buildContext, identify, type AppDeps, type Context } from "./context";
import { AppSetting } from "./db/app-setting.entity";
import { createDataSource, databaseKind, isSqlite } from "./db/data-source";
import { claimSqliteFile } from "./db/sqlite-lock";
import { hasReplicas, replicaReadsPlugin, replicaRouting } from "./db/replication";
import { withinMs } from "./db/database-timeouts";
import { entities } from "./entities";
import { createHttpServer } from "./http-server";
import { logger } from "./logger";
import { buildAppSchema } from "./schema";

export interface RunningApp {
  deps: AppDeps;
  server: http.Server;
  url: string;
  close(): Promise<void>;
}

/** Connects the database and brings its schema up to date: migrations on MySQL, synchronise on SQLite. */
export async function openDatabase(config: AppConfig, options: { migrate?: boolean } = {}): Promise<DataSource> {
  // Worker processes skip this: their primary ran the migrations before forking them.
  if (databaseKind(config) === "mysql" && options.migrate !== false) {
    // Migrations may rebuild large tables: they run without the statement timeout requests get.
    const migrator = await createDataSource({ ...config, entities, replicaUrls: [], databaseTimeouts: null });
    await migrator.initialize();
    try {
      const applied = await migrator.runMigrations({ transaction: "each" });
      if (applied.length) logger.info({ migrations: applied.map((m) => m.name) }, "migrations applied");
    } finally {
      await migrator.destroy();
    }
  }
  // One server process per SQLite file: refuse a second one before it touches the file.
  if (databaseKind(config) === "sqlite" && config.sqlitePath !== ":memory:") {
    claimSqliteFile(config.sqlitePath);
    const filled = backfillSqliteVerificationCodes(path.resolve(config.sqlitePath));
    if (filled) logger.info({ certificates: filled }, "verification codes given to existing certificates");
  }
  const ds = await createDataSource({ ...config, entities });
  await ds.initialize();
  return ds;
}

/** The link-signing secret: configured, or generated once and shared through the database. */
async function appSecret(ds: DataSource, config: AppConfig): Promise<string> {
  if (config.appSecret) return config.appSecret;
  const repo = ds.getRepository(AppSetting);
  const existing = await repo.findOneBy({ key: "app_secret" });
  if (existing) return existing.value;
  await repo
    .createQueryBuilder()
    .insert()
    .values({ key: "app_secret", value: randomBytes(32).toString("hex") })
    .orIgnore()
    .execute();
  return (await repo.findOneByOrFail({ key: "app_secret" })).value;
}

function landingPage(config: AppConfig): ApolloServerPlugin {
  // An explicit setting, not NODE_ENV: the embedded Sandbox loads from Apollo's CDN.
  return config.sandbox
    ? ApolloServerPluginLandingPageLocalDefault({ embed: true, includeCookies: true })
    : ApolloServerPluginLandingPageDisabled();
}

export async function createApp(config: AppConfig, options: { ds?: DataSource } = {}): Promise<RunningApp> {
  applyHeapGrowth(config.heapGrowingPercent);
  const ds = options.ds ?? (await openDatabase(config));
  const sqliteFile = isSqlite(ds) && ds.options.database !== ":memory:" ? String(ds.options.database) : null;
  const releaseSqliteFile = sqliteFile ? claimSqliteFile(sqliteFile) : () => undefined;
  const deps: AppDeps = {
    ds,
    config,
    storage: new LocalDiskStorage(config.storageDir),
    signer: new UrlSigner(await appSecret(ds, config)),
  };

  const app = express();
  app.disable("x-powered-by");
  app.set("trust proxy", config.trustProxy);
  const server = createHttpServer(app, config.httpLimits);

  const schema = await buildAppSchema();
  const apollo = new ApolloServer<Context>({
    ...(config.compiledQueries ? { gateway: compiledGateway(schema) } : { schema }),
    formatError,
    introspection: config.introspection,
    hideSchemaDetailsFromClientErrors: !config.fieldSuggestions,
    includeStacktraceInErrorResponses: false,
    csrfPrevention: true,
    allowBatchedHttpRequests: true,
    maxRecursiveSelections: true,
    validationRules: [depthLimitRule(config.maxQueryDepth), aliasLimitRule(config.maxAliases)],
    plugins: [
      ApolloServerPluginDrainHttpServer({ httpServer: server }),
      landingPage(config),
      costLimitPlugin(schema, config.maxQueryCost),
      apiCallAuditPlugin,
      unavailableStatusPlugin,
      ...(hasReplicas(ds) ? [replicaReadsPlugin] : []),
      // No @cacheControl hints are used; without this default plugin Apollo stops wrapping every field resolver.
      ApolloServerPluginCacheControlDisabled(),
    ],
  });
  await apollo.start();
  const interruptedImports = watchInterruptedImports(ds);
  await interruptedImports.started;

  app.use(securityHeaders({ sandboxAtGraphql: config.sandbox }));

  // One structured line per request (level info; with LOG_LEVEL=warn the listener is not even installed).
  if (logger.isLevelEnabled("info"))
    app.use((req, res, next) => {
      const started = process.hrtime.bigint();
      res.on("finish", () => {
        const ms = Number(process.hrtime.bigint() - started) / 1e6;
        logger.info(
          {
            method: req.method,
            path: req.path,
            status: res.statusCode,
            ms: Math.round(ms * 10) / 10,
            operation: req.body?.operationName,
          },
          "request",
        );
      });
      next();
    });

  // The API first: the busiest path should not walk past every other router on each request.
  app.use(
    "/graphql",
    series(
      // Answers carry personal data: no browser or proxy may keep a copy.
      (_req: Request, res: Response, next: NextFunction) => (res.setHeader("Cache-Control", "no-store"), next()),
      cors(),
      identify(deps),
      rateLimit(deps),
      multipartUploads(deps),
      express.json({ limit: "2mb" }),
      ...(hasReplicas(ds) ? [replicaRouting] : []),
      batchLimit(config),
      ...(config.persistedOperationsFile
        ? [persistedOperations(loadPersistedOperations(config.persistedOperationsFile), config.persistedOperationsOnly)]
        : []),
      graphqlHandler(apollo, (req, res) => buildContext(deps, req, res)),
    ),
  );

  app.get("/healthz", async (_req, res) => {
    try {
      // A hung database must not hang the health check: answer 503 within HEALTH_CHECK_TIMEOUT_MS.
      await withinMs(ds.query("SELECT 1"), config.healthCheckTimeoutMs, "the health check");
      res.json({ status: "ok", database: databaseKind(config) });
    } catch (err) {
      logger.error({ err }, "health check failed");
      res.status(503).json({ status: "unavailable", database: databaseKind(config) });
    }
  });
  app.use(downloadRouter(deps));
  app.use(templateRouter());
  app.use(resultsTemplateRouter());
  app.use(certificateRouter(deps));
  if (config.explorer) app.use(explorerRouter());
  if (config.clientDist && existsSync(path.join(config.clientDist, "index.html"))) {
    // The console is a single-page app: unknown GET paths render it and the router takes over.
    app.use(consoleFiles(config.clientDist, /^\/(graphql|files|healthz|explorer|templates|certificates)/));
  }

  app.use((err: Error & { status?: number; expose?: boolean }, _req: Request, res: Response, _next: NextFunction) => {
    // The database is down or hung (a session lookup, the rate limiter): 503 with a stable code, not a 500.
    const unavailable = serviceUnavailableError(err);
    if (unavailable) {
      logger.warn({ err }, "database unavailable");
      res
        .status(503)
        .setHeader("Retry-After", "5")
        .json({ errors: [unavailable] });
      return;
    }
    const status = err.status && err.status < 500 ? err.status : 500;
    if (status >= 500) logger.error({ err }, "request failed");
    const message = status === 413 ? "上传的文件过大" : status < 500 ? "请求格式不正确" : "系统繁忙，请稍后重试";
    res
      .status(status)
      .json({ errors: [{ message, extensions: { code: status < 500 ? "BAD_REQUEST" : "INTERNAL_SERVER_ERROR" } }] });
  });

  await new Promise<void>((resolve) => server.listen(config.port, config.host, resolve));
  const { port } = server.address() as AddressInfo;
  const url = `http://${config.host === "0.0.0.0" ? "localhost" : config.host}:${port}`;

  return {
    deps,
    server,
    url,
    async close() {
      interruptedImports.stop();
      await apollo.stop();
      if (server.listening) await new Promise<void>((resolve) => server.close(() => resolve()));
      if (!options.ds && ds.isInitialized) await ds.destroy();
      releaseSqliteFile();
    },
  };
}
