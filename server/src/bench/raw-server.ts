import { createHash } from "node:crypto";
import http from "node:http";
import type { AddressInfo } from "node:net";
import { createPool, type RowDataPacket } from "mysql2/promise";
import { completionOf } from "../assessment/completion";
import { PROCEDURE_LABEL, type Procedure } from "../assessment/procedure";
import { ApplicationStatus, STATUS_INFO } from "../assessment/workflow";
import { maskIdNumber } from "../common/id-number";
import { rawEnroll, type RawPrincipal } from "./raw-enroll";
import { loadReplay, replay } from "./raw-replay";
import {
  AUTH_SQL,
  COUNTER_ROLLUP_SQL,
  CYCLE_SQL,
  LIVE_ROLLUP_SQL,
  progressCountFromCountersSql,
  progressCountSql,
  progressPageSql,
  progressPageSqlNaive,
} from "./raw-sql";

/**
 * The raw baseline of performance.md: the same data as the GraphQL operations, as SQL through
 * mysql2 (prepared statements) behind a bare node:http server. Authenticates with the same session
 * cookie as the GraphQL service (one statement), then runs the page's statements.
 *
 *   GET /progress?statuses=A,B&page=3&pageSize=20[&variant=naive|counters]   (institution session)
 *   GET /rollup/live | /rollup/counters              (province session)
 *   POST /enroll {"ids": [physician ids]}            (institution session: 批量参加, raw-enroll.ts)
 *   /replay…                                         (the service's recorded statements, raw-replay.ts)
 */
const pool = createPool({
  uri: process.env.DATABASE_URL,
  connectionLimit: Number(process.env.DB_POOL_SIZE ?? 20),
  timezone: "Z",
  supportBigNumbers: true,
  charset: "utf8mb4_unicode_ci",
});

const cycles = new Map<string, number | null>();
async function currentCycleId(province: string): Promise<number | null> {
  if (!cycles.has(province)) {
    const [rows] = await pool.execute<RowDataPacket[]>(CYCLE_SQL, [province]);
    cycles.set(province, rows[0]?.id ?? null);
  }
  return cycles.get(province)!;
}

const regionNames = new Map<string, string>();
const STATUSES = Object.values(ApplicationStatus);

function cookie(req: http.IncomingMessage, name: string): string | null {
  for (const part of (req.headers.cookie ?? "").split(";")) {
    const eq = part.indexOf("=");
    if (eq > 0 && part.slice(0, eq).trim() === name) return decodeURIComponent(part.slice(eq + 1).trim());
  }
  return null;
}

async function principal(req: http.IncomingMessage): Promise<RawPrincipal | null> {
  const token = cookie(req, "pa_sid");
  if (!token) return null;
  const [rows] = await pool.execute<RowDataPacket[]>(AUTH_SQL, [createHash("sha256").update(token).digest("hex")]);
  return (rows[0] as RawPrincipal | undefined) ?? null;
}

async function jsonBody<T>(req: http.IncomingMessage): Promise<T> {
  const chunks: Buffer[] = [];
  for await (const chunk of req) chunks.push(chunk as Buffer);
  return JSON.parse(Buffer.concat(chunks).toString("utf8")) as T;
}

async function enroll(req: http.IncomingMessage, res: http.ServerResponse) {
  const p = await principal(req);
  if (!p?.institutionId) return send(res, 401, { error: "unauthenticated" });
  const { ids } = await jsonBody<{ ids: number[] }>(req);
  const cycleId = await currentCycleId("450000");
  const outcome = await rawEnroll(pool, p, cycleId!, ids, req.socket.remoteAddress ?? "");
  send(res, 200, { data: { enrollPhysicians: outcome } });
}

function send(res: http.ServerResponse, status: number, body: unknown) {
  const text = JSON.stringify(body);
  res.writeHead(status, {
    "content-type": "application/json; charset=utf-8",
    "content-length": Buffer.byteLength(text),
  });
  res.end(text);
}

async function progress(req: http.IncomingMessage, res: http.ServerResponse, query: URLSearchParams) {
  const p = await principal(req);
  if (!p?.institutionId) return send(res, 401, { error: "unauthenticated" });
  const cycleId = await currentCycleId("450000");
  const statuses = (query.get("statuses") ?? "").split(",").filter(Boolean);
  const page = Number(query.get("page") ?? 1);
  const pageSize = Number(query.get("pageSize") ?? 20);
  const params = [cycleId, p.institutionId, ...statuses];
  const [[count], [rows]] = [
    await pool.execute<RowDataPacket[]>(
      (query.get("variant") === "counters" ? progressCountFromCountersSql : progressCountSql)(statuses),
      params,
    ),
    await pool.execute<RowDataPacket[]>(
      (query.get("variant") === "naive" ? progressPageSqlNaive : progressPageSql)(statuses, page, pageSize),
      params,
    ),
  ];
  const items = rows.map((r) => ({
    id: r.id,
    status: r.status,
    statusLabel: STATUS_INFO[r.status as ApplicationStatus].label,
    procedureLabel: r.procedureType ? PROCEDURE_LABEL[r.procedureType as Procedure] : null,
    departmentName: r.departmentName,
    lastAction: r.lastAction,
    lastActionAt: (r.lastActionAt as Date).toISOString(),
    physician: { name: r.physicianName, idNumberMasked: maskIdNumber(r.idNumber) },
  }));
  send(res, 200, { data: { applications: { total: Number(count[0].total), items } } });
}

async function rollup(req: http.IncomingMessage, res: http.ServerResponse, sql: string) {
  const p = await principal(req);
  if (!p?.regionCode || p.regionLevel !== "PROVINCE") return send(res, 403, { error: "forbidden" });
  const cycleId = await currentCycleId(p.regionCode);
  const [rows] = await pool.execute<RowDataPacket[]>(sql, [cycleId, p.regionCode]);
  if (!regionNames.size) {
    const [regions] = await pool.execute<RowDataPacket[]>("SELECT code, name FROM region");
    for (const r of regions) regionNames.set(r.code, r.name);
  }
  // The whole answer of the GraphQL query (region.ts REGION_QUERY): every status in workflow order, zeros
  // included, and the completion figures — the same work, so the two answers are compared whole.
  const byCity = new Map<string, Map<ApplicationStatus, number>>();
  for (const r of rows) {
    if (!byCity.has(r.k)) byCity.set(r.k, new Map());
    byCity.get(r.k)!.set(r.status, Number(r.n));
  }
  const out = [...byCity.entries()]
    .sort(([a], [b]) => a.localeCompare(b))
    .map(([code, counts]) => {
      const statusCounts = STATUSES.map((status) => ({ status, count: counts.get(status) ?? 0 }));
      const total = statusCounts.reduce((n, s) => n + s.count, 0);
      return { code, name: regionNames.get(code) ?? code, total, statusCounts, completion: completionOf(counts) };
    });
  send(res, 200, { data: { regionProgress: out } });
}

const server = http.createServer((req, res) => {
  const url = new URL(req.url ?? "/", "http://localhost");
  const route =
    url.pathname === "/progress"
      ? progress(req, res, url.searchParams)
      : url.pathname === "/rollup/live"
        ? rollup(req, res, LIVE_ROLLUP_SQL)
        : url.pathname === "/rollup/counters"
          ? rollup(req, res, COUNTER_ROLLUP_SQL)
          : url.pathname === "/enroll" && req.method === "POST"
            ? enroll(req, res)
            : url.pathname === "/replay/load"
              ? jsonBody<Parameters<typeof loadReplay>[0]>(req)
                  .then(loadReplay)
                  .then((n) => send(res, 200, { loaded: n }))
              : url.pathname === "/replay"
                ? replay(pool, url.searchParams, res).then((rows) => send(res, res.statusCode, { data: rows }))
                : url.pathname === "/healthz"
                  ? Promise.resolve(send(res, 200, { status: "ok" }))
                  : Promise.resolve(send(res, 404, { error: "not found" }));
  route.catch((err) => send(res, 500, { error: String(err?.message ?? err) }));
});
server.keepAliveTimeout = 65_000;

server.listen(Number(process.env.PORT ?? 0), process.env.HOST ?? "127.0.0.1", () => {
  const { port } = server.address() as AddressInfo;
  process.stdout.write(`BENCH_READY ${JSON.stringify({ url: `http://127.0.0.1:${port}`, pid: process.pid })}\n`);
});

const stop = () => server.close(() => pool.end().finally(() => process.exit(0)));
process.once("SIGTERM", stop);
process.once("SIGINT", stop);
