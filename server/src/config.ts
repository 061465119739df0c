import path from "node:path";
import type { DatabaseTimeouts } from "./db/database-timeouts";
import { parseReplicaUrls } from "./db/replication";
import type { HttpLimits } from "./http-server";

/** Every runtime setting in one place, read from the environment with documented defaults (see README). */
export interface AppConfig {
  port: number;
  host: string;
  /** mysql://user:pass@host:port/db; empty means the embedded SQLite file. */
  databaseUrl: string | null;
  /** DATABASE_REPLICA_URLS: MySQL read replicas of DATABASE_URL (db/replication.ts decides which reads use them). */
  replicaUrls: string[];
  sqlitePath: string;
  /** Serve Apollo Sandbox at GET /graphql (loads from Apollo's CDN). */
  sandbox: boolean;
  /** Serve the offline GraphiQL explorer at /explorer. */
  explorer: boolean;
  introspection: boolean;
  /** Include "did you mean …" suggestions in validation errors. */
  fieldSuggestions: boolean;
  /** Queries run compiled by graphql-jit (common/compiled-executor.ts); off: graphql-js runs everything. */
  compiledQueries: boolean;
  sessionIdleMinutes: number;
  /** A console session ends this long after its sign-in, however active (absolute lifetime). */
  sessionMaxHours: number;
  /** `login` operations per minute from one client address, and for one user name, whoever calls. */
  signInRateLimitPerAddress: number;
  signInRateLimitPerAccount: number;
  /** An administration's password reset (back to 666666) stops working after this many hours unless used. */
  resetValidHours: number;
  lockoutAttempts: number;
  lockoutMinutes: number;
  cookieSecure: boolean;
  uploadMaxBytes: number;
  storageDir: string;
  clientDist: string | null;
  /** Secret for signing download links; several processes must share it. */
  appSecret: string | null;
  /** Public address of the console, printed in certificate QR codes (…/verify/<number>). */
  publicUrl: string;
  seedDemo: boolean;
  /** Demo data at volume: a large hospital whose lists have several pages (implies seedDemo). */
  seedDemoVolume: boolean;
  /** Allow the demo seed against a MySQL database (never by default). */
  allowDemoOnMysql: boolean;
  trustProxy: boolean;
  rateLimitPerMinute: number;
  /** For requests without a session or token (public certificate verification), per client address. */
  anonymousRateLimitPerMinute: number;
  /** Certificate verifications per client address and minute, each one counted (aliases and batches too). */
  verifyRateLimitPerMinute: number;
  maxQueryDepth: number;
  maxQueryCost: number;
  maxAliases: number;
  maxBatchedOperations: number;
  /** V8's old-generation growth past the live heap, in percent (heap-growth.ts); 0: V8's default. */
  heapGrowingPercent: number;
  maxPageSize: number;
  /** When set, only operations in this allow-list (JSON of hash → query) are executed. */
  /** Change feeds stop this far behind now, covering transactions that stamped updatedAt before committing. */
  syncLagMs: number;
  persistedOperationsFile: string | null;
  persistedOperationsOnly: boolean;
  /** Bounds on every wait for the database (see db/database-timeouts.ts). */
  databaseTimeouts: DatabaseTimeouts;
  /** GET /healthz answers 503 when the database has not answered `SELECT 1` within this time. */
  healthCheckTimeoutMs: number;
  /** Bounds on slow and numerous HTTP clients (see http-server.ts). */
  httpLimits: HttpLimits;
}

const bool = (v: string | undefined, fallback: boolean) =>
  v === undefined || v === "" ? fallback : ["1", "true", "yes", "on"].includes(v.toLowerCase());
const int = (v: string | undefined, fallback: number) => {
  const n = v === undefined || v === "" ? NaN : Number(v);
  return Number.isFinite(n) ? n : fallback;
};

const repoRoot = path.resolve(__dirname, "..", "..");

export function loadConfig(env: NodeJS.ProcessEnv = process.env, argv: string[] = process.argv): AppConfig {
  const production = env.NODE_ENV === "production";
  return {
    port: int(env.PORT, 4000),
    host: env.HOST ?? "0.0.0.0",
    databaseUrl: env.DATABASE_URL?.trim() || null,
    replicaUrls: parseReplicaUrls(env.DATABASE_REPLICA_URLS),
    sqlitePath: env.SQLITE_PATH ?? path.join(repoRoot, "data", "app.sqlite"),
    sandbox: bool(env.ENABLE_SANDBOX, false),
    explorer: bool(env.ENABLE_EXPLORER, !production),
    introspection: bool(env.ENABLE_INTROSPECTION, !production),
    fieldSuggestions: bool(env.ENABLE_FIELD_SUGGESTIONS, !production),
    compiledQueries: bool(env.COMPILED_QUERIES, true),
    sessionIdleMinutes: int(env.SESSION_IDLE_MINUTES, 30),
    sessionMaxHours: int(env.SESSION_MAX_HOURS, 12),
    signInRateLimitPerAddress: int(env.SIGN_IN_RATE_LIMIT_PER_ADDRESS, 30),
    signInRateLimitPerAccount: int(env.SIGN_IN_RATE_LIMIT_PER_ACCOUNT, 10),
    resetValidHours: int(env.RESET_VALID_HOURS, 72),
    lockoutAttempts: int(env.LOCKOUT_ATTEMPTS, 5),
    lockoutMinutes: int(env.LOCKOUT_MINUTES, 15),
    cookieSecure: bool(env.COOKIE_SECURE, false),
    uploadMaxBytes: int(env.UPLOAD_MAX_BYTES, 20 * 1024 * 1024),
    storageDir: env.STORAGE_DIR ?? path.join(repoRoot, "data", "files"),
    clientDist: env.CLIENT_DIST === "" ? null : (env.CLIENT_DIST ?? path.join(repoRoot, "client", "dist")),
    appSecret: env.APP_SECRET || null,
    publicUrl: env.PUBLIC_URL || `http://localhost:${int(env.PORT, 4000)}`,
    seedDemo:
      argv.includes("--demo") ||
      argv.includes("--demo-volume") ||
      bool(env.SEED_DEMO, false) ||
      bool(env.SEED_DEMO_VOLUME, false),
    seedDemoVolume: argv.includes("--demo-volume") || bool(env.SEED_DEMO_VOLUME, false),
    allowDemoOnMysql: bool(env.ALLOW_DEMO_SEED_ON_MYSQL, false),
    trustProxy: bool(env.TRUST_PROXY, false),
    rateLimitPerMinute: int(env.RATE_LIMIT_PER_MINUTE, 600),
    anonymousRateLimitPerMinute: int(env.ANONYMOUS_RATE_LIMIT_PER_MINUTE, 120),
    verifyRateLimitPerMinute: int(env.VERIFY_RATE_LIMIT_PER_MINUTE, 20),
    maxQueryDepth: int(env.MAX_QUERY_DEPTH, 12),
    maxQueryCost: int(env.MAX_QUERY_COST, 20000),
    maxAliases: int(env.MAX_ALIASES, 30),
    maxBatchedOperations: int(env.MAX_BATCHED_OPERATIONS, 5),
    heapGrowingPercent: int(env.HEAP_GROWING_PERCENT, 70),
    maxPageSize: int(env.MAX_PAGE_SIZE, 100),
    syncLagMs: int(env.SYNC_LAG_MS, 5000),
    persistedOperationsFile: env.PERSISTED_OPERATIONS_FILE || null,
    persistedOperationsOnly: bool(env.PERSISTED_OPERATIONS_ONLY, false),
    databaseTimeouts: {
      connectMs: int(env.DB_CONNECT_TIMEOUT_MS, 5000),
      acquireMs: int(env.DB_ACQUIRE_TIMEOUT_MS, 5000),
      statementMs: int(env.DB_STATEMENT_TIMEOUT_MS, 10_000),
      lockMs: int(env.DB_LOCK_TIMEOUT_MS, 5000),
    },
    healthCheckTimeoutMs: int(env.HEALTH_CHECK_TIMEOUT_MS, 2000),
    httpLimits: {
      headersTimeoutMs: int(env.HTTP_HEADERS_TIMEOUT_MS, 10_000),
      requestTimeoutMs: int(env.HTTP_REQUEST_TIMEOUT_MS, 120_000),
      keepAliveTimeoutMs: int(env.HTTP_KEEP_ALIVE_TIMEOUT_MS, 5000),
      maxConnections: int(env.HTTP_MAX_CONNECTIONS, 2000),
      // Behind a reverse proxy every connection comes from the proxy: the proxy caps per client instead.
      maxConnectionsPerAddress: int(env.HTTP_MAX_CONNECTIONS_PER_ADDRESS, bool(env.TRUST_PROXY, false) ? 0 : 100),
    },
  };
}
