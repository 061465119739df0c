import { AsyncLocalStorage } from "node:async_hooks";
import type { ApolloServerPlugin } from "@apollo/server";
import type { NextFunction, Request, Response } from "express";
import type { DataSource, QueryRunner, ReplicationMode } from "typeorm";

/**
 * Read replicas (DATABASE_REPLICA_URLS). TypeORM asks for a "slave" connection for every read it builds (find*,
 * query builders) outside a transaction; this module decides, per request, whether that read may really go to a
 * replica. Only the resolvers of a read-only GraphQL operation (a `query`, not batched with others) read from a
 * replica, and only until the request writes: from its first write on, every read goes to the primary, so a request
 * reads its own writes. Everything else (sign-in and session checks, rate limits, mutations, downloads, background
 * work, raw `ds.query`) uses the primary.
 */
interface Routing {
  /** The request is executing a read-only operation: its reads may use a replica. */
  replicaReads: boolean;
  /** The request wrote during that operation: its reads go to the primary from now on. */
  wrote: boolean;
  /** Several operations in one HTTP request (a batch may hold a mutation): primary throughout. */
  batched: boolean;
}

const routing = new AsyncLocalStorage<Routing>();

/** Statements that only read; anything else on the primary counts as the request's write. */
const READ_ONLY_SQL = /^\s*(\(\s*)?(SELECT|SHOW|WITH|SET\s+SESSION|SET\s+STATEMENT)\b/i;

/**
 * Whether the DataSource reads from replicas. Without them the routing is not installed at all: on Node 20
 * AsyncLocalStorage turns on promise hooks for the whole process, a cost on every await of every request.
 */
export const hasReplicas = (ds: DataSource): boolean => Boolean((ds.options as { replication?: unknown }).replication);

/** Express middleware: each request gets its routing state (primary until an operation says otherwise). */
export function replicaRouting(req: Request, _res: Response, next: NextFunction): void {
  routing.run({ replicaReads: false, wrote: false, batched: Array.isArray(req.body) }, next);
}

/** Apollo plugin: a resolved `query` operation (not in a batch) lets its resolvers read from a replica. */
export const replicaReadsPlugin: ApolloServerPlugin = {
  async requestDidStart() {
    return {
      async didResolveOperation({ operation }) {
        const r = routing.getStore();
        if (r && !r.batched && operation?.operation === "query") {
          r.replicaReads = true;
          r.wrote = false;
        }
      },
    };
  },
};

/** Where a read asked as `mode` goes now. */
function modeNow(mode: ReplicationMode): ReplicationMode {
  const r = routing.getStore();
  return mode === "slave" && r?.replicaReads && !r.wrote ? "slave" : "master";
}

/** Installs the routing on a DataSource configured with replicas (before or after `initialize()`). */
export function routeReadsToReplicas(ds: DataSource): void {
  const create = ds.createQueryRunner.bind(ds);
  ds.createQueryRunner = (mode: ReplicationMode = "master"): QueryRunner => {
    const actual = modeNow(mode);
    const runner = create(actual);
    const r = routing.getStore();
    if (actual === "master" && r) {
      const query = runner.query.bind(runner) as (...args: unknown[]) => Promise<unknown>;
      (runner as { query: unknown }).query = (sql: string, ...rest: unknown[]) => {
        if (!READ_ONLY_SQL.test(sql)) r.wrote = true;
        return query(sql, ...rest);
      };
      const start = runner.startTransaction.bind(runner);
      runner.startTransaction = (...args) => {
        r.wrote = true;
        return start(...args);
      };
    }
    return runner;
  };
}

/** DATABASE_REPLICA_URLS: comma- or space-separated mysql:// addresses. */
export const parseReplicaUrls = (value: string | undefined): string[] =>
  (value ?? "")
    .split(/[\s,]+/)
    .map((s) => s.trim())
    .filter(Boolean);
