import cluster from "node:cluster";
import type { DataSource, EntityMetadata, EntitySubscriberInterface, QueryRunner } from "typeorm";
import type { Principal } from "../common/auth";

/**
 * Console sessions' principals, kept per process for a moment so a burst of requests (a page's queries, a list
 * being paged) costs one session statement instead of one each. Keyed by the session token's hash.
 *
 * How long a change can go unseen:
 * - in this process, not at all: any write through TypeORM to the tables a principal is read from (account,
 *   session, institution, health_administration) empties the cache, right after the statement and again after its
 *   transaction commits; a look-up that started before an invalidation does not store its (possibly old) answer.
 * - in another worker process (WORKERS=N): the worker that wrote tells the primary, which tells the others
 *   (node:cluster IPC, milliseconds); should that message be late or lost, an entry still lives PRINCIPAL_CACHE_MS
 *   at most, so no process serves a signed-out, reset, disabled or re-scoped principal for longer than that.
 * A write made outside the application (SQL by hand) is seen after PRINCIPAL_CACHE_MS.
 */
export const PRINCIPAL_CACHE_MS = 1000;

/** Beyond this many entries the cache starts over (entries live a second; this only bounds a flood of tokens). */
const MAX_ENTRIES = 10_000;

/** What a cached look-up needs to re-check the session's idle and absolute limits without the database. */
export interface CachedSession {
  principal: Principal;
  lastSeenMs: number;
  signedInMs: number;
}

interface Entry extends CachedSession {
  storedMs: number;
  generation: number;
}

/** Bumped by every invalidation, in every DataSource of the process: an entry of an older generation is gone. */
let generation = 0;
const entries = new Map<string, Entry>();
const watched = new WeakSet<DataSource>();

export function cachedSession(tokenHash: string, now = Date.now()): CachedSession | null {
  const entry = entries.get(tokenHash);
  if (!entry) return null;
  if (entry.generation !== generation || now - entry.storedMs >= PRINCIPAL_CACHE_MS) {
    entries.delete(tokenHash);
    return null;
  }
  return entry;
}

/** Call before reading a session from the database; pass what it returns to rememberSession. */
export function lookupStarted(ds: DataSource): number {
  watchWrites(ds);
  return generation;
}

/** Stores a look-up begun at `startedAt` (lookupStarted), unless something was invalidated since. */
export function rememberSession(tokenHash: string, session: CachedSession, startedAt: number): void {
  if (startedAt !== generation) return;
  if (entries.size >= MAX_ENTRIES) entries.clear();
  entries.set(tokenHash, { ...session, storedMs: Date.now(), generation });
}

export function forgetSession(tokenHash: string): void {
  entries.delete(tokenHash);
}

/** Empties this process's cache; `fromPeer` marks an invalidation another worker sent (not sent on again). */
export function invalidatePrincipals(fromPeer = false): void {
  generation++;
  entries.clear();
  if (!fromPeer && cluster.isWorker) process.send?.({ type: BROADCAST, topic: TOPIC });
}

/** The message a worker sends the primary, which relays it to every other worker (cluster.ts). */
const BROADCAST = "broadcast";
const TOPIC = "principal-cache:invalidate";

/** In a worker: another worker's invalidation empties this one's cache too. */
export function listenForPeerInvalidations(): void {
  process.on("message", (message: unknown) => {
    const m = message as { type?: unknown; topic?: unknown } | null;
    if (m?.type === BROADCAST && m.topic === TOPIC) invalidatePrincipals(true);
  });
}

/** Tables whose rows a principal is made of. */
const PRINCIPAL_TABLES = new Set(["account", "session", "institution", "health_administration"]);
/** Columns written on every sign-in or session touch that no principal reads: writing only them invalidates nothing. */
const IGNORED_COLUMNS: Record<string, Set<string>> = {
  account: new Set(["lastLoginAt"]),
  session: new Set(["lastSeenAt"]),
};

function concerns(metadata: EntityMetadata | undefined, changed: Iterable<string> | null): boolean {
  if (!metadata || !PRINCIPAL_TABLES.has(metadata.tableName)) return false;
  const ignored = IGNORED_COLUMNS[metadata.tableName];
  if (!ignored || !changed) return true;
  for (const column of changed) if (!ignored.has(column)) return true;
  return false;
}

/** Query runners inside a transaction that wrote a principal's row: invalidate again once it commits. */
const dirty = new WeakSet<QueryRunner>();

class PrincipalCacheInvalidation implements EntitySubscriberInterface {
  private written(queryRunner: QueryRunner) {
    invalidatePrincipals();
    if (queryRunner.isTransactionActive) dirty.add(queryRunner);
  }
  afterInsert(event: { metadata: EntityMetadata; queryRunner: QueryRunner }) {
    // A new session is a new token, in no cache; a new account, institution or administration is nobody's yet.
    if (event.metadata.tableName !== "session" && concerns(event.metadata, null)) this.written(event.queryRunner);
  }
  afterUpdate(event: {
    metadata: EntityMetadata;
    queryRunner: QueryRunner;
    entity?: unknown;
    updatedColumns?: { propertyName: string }[];
  }) {
    const columns = event.updatedColumns?.length
      ? event.updatedColumns.map((c) => c.propertyName)
      : event.entity && typeof event.entity === "object"
        ? Object.keys(event.entity)
        : null;
    if (concerns(event.metadata, columns)) this.written(event.queryRunner);
  }
  afterRemove(event: { metadata: EntityMetadata; queryRunner: QueryRunner }) {
    if (concerns(event.metadata, null)) this.written(event.queryRunner);
  }
  afterSoftRemove(event: { metadata: EntityMetadata; queryRunner: QueryRunner }) {
    this.afterRemove(event);
  }
  afterTransactionCommit(event: { queryRunner: QueryRunner }) {
    if (!dirty.has(event.queryRunner) || event.queryRunner.isTransactionActive) return;
    dirty.delete(event.queryRunner);
    invalidatePrincipals();
  }
  afterTransactionRollback(event: { queryRunner: QueryRunner }) {
    if (!event.queryRunner.isTransactionActive) dirty.delete(event.queryRunner);
  }
}

/** Subscribes to the DataSource's writes (its subscriber list is built at initialize, so it is added afterwards). */
function watchWrites(ds: DataSource): void {
  if (watched.has(ds)) return;
  watched.add(ds);
  (ds.subscribers as EntitySubscriberInterface[]).push(new PrincipalCacheInvalidation());
}
