import { performance } from "node:perf_hooks";
import type { Connection } from "mysql2/promise";
import { BENCH_PASSWORD, mib, ms, USERS } from "../common";
import { databasePid, pct, withCpu, type BenchContext } from "../context";
import { gql, login } from "../gql";
import { request } from "../load";
import { table } from "../report";
import { countersMatchLive, INST, openBenchConnection, recountInstitution } from "../seed";

const ENROLL = `mutation($ids: [Int!]!) { enrollPhysicians(physicianIds: $ids) { succeeded failed outcomes { physicianId ok code } } }`;

/** Puts every application of the enrolment hospital back to 未确认参加 (and its counters), dropping the benchmark's own events. */
async function reset(conn: Connection, cycleId: number, maxEventId: number) {
  await conn.query(
    "DELETE e FROM application_event e JOIN application a ON a.id = e.application_id WHERE a.cycle_id = ? AND a.institution_id = ? AND e.id > ?",
    [cycleId, INST.enroll, maxEventId],
  );
  await conn.query(
    `UPDATE application SET status = 'NOT_ENROLLED', procedure_type = NULL, draft = NULL, submission = NULL, submitted_at = NULL,
       institution_review = NULL, assessment_review = NULL, return_reason = NULL, exemption_status = 'NONE', exempted_test = NULL,
       exemption_reason = NULL, last_action = '', version = version + 1, updated_at = UTC_TIMESTAMP(3)
     WHERE cycle_id = ? AND institution_id = ?`,
    [cycleId, INST.enroll],
  );
  await conn.query("UPDATE physician SET practising_status = 'PRACTISING' WHERE institution_id = ?", [INST.enroll]);
  await recountInstitution(conn, INST.enroll);
}

interface EnrollRun {
  side: "GraphQL" | "raw SQL";
  seconds: number;
  succeeded: number;
  failed: number;
  events: number;
  countersMatch: boolean;
  cpu: Record<string, number>;
}

const median = (xs: number[]) => [...xs].sort((a, b) => a - b)[Math.floor(xs.length / 2)];

/**
 * 批量参加 of 5 000 physicians: enrollPhysicians through GraphQL against the raw server's same statements
 * (raw-enroll.ts), three times each, alternating, each after a reset to 未确认参加.
 */
export async function enrollSection(ctx: BenchContext): Promise<Record<string, unknown>> {
  const [graphql, raw] = [await ctx.graphql(), await ctx.raw()];
  const cookie = await login(graphql.url, USERS.enroll, BENCH_PASSWORD);
  const conn = await openBenchConnection();
  try {
    const [rows] = await conn.query(
      "SELECT physician_id AS id FROM application WHERE cycle_id = ? AND institution_id = ? ORDER BY physician_id",
      [ctx.dataset.cycleId, INST.enroll],
    );
    const ids = (rows as { id: number }[]).map((r) => r.id);
    const db = databasePid();
    const runs: EnrollRun[] = [];
    const sides = [
      [
        "GraphQL",
        graphql,
        async () =>
          (
            await gql<{ enrollPhysicians: { succeeded: number; failed: number } }>(graphql.url, cookie, ENROLL, {
              ids,
            })
          ).enrollPhysicians,
      ],
      [
        "raw SQL",
        raw,
        async () => {
          const res = await request(raw.url, {
            method: "POST",
            path: "/enroll",
            headers: { "content-type": "application/json", cookie },
            body: JSON.stringify({ ids }),
          });
          if (res.status !== 200) throw new Error(`raw enroll: ${res.status} ${res.body.toString().slice(0, 300)}`);
          return JSON.parse(res.body.toString()).data.enrollPhysicians as { succeeded: number; failed: number };
        },
      ],
    ] as const;
    for (let rep = 0; rep < 3; rep++) {
      for (const [side, server, call] of sides) {
        await reset(conn, ctx.dataset.cycleId, ctx.dataset.maxEventId);
        const { result, cpu } = await withCpu({ server: server.pid, db }, async () => {
          const t0 = performance.now();
          const outcome = await call();
          return { seconds: (performance.now() - t0) / 1000, ...outcome };
        });
        const [ev] = await conn.query(
          "SELECT COUNT(*) AS n FROM application_event e JOIN application a ON a.id = e.application_id WHERE a.institution_id = ? AND e.id > ?",
          [INST.enroll, ctx.dataset.maxEventId],
        );
        runs.push({
          side,
          seconds: result.seconds,
          succeeded: result.succeeded,
          failed: result.failed,
          events: Number((ev as { n: number }[])[0].n),
          countersMatch: await countersMatchLive(conn, INST.enroll),
          cpu,
        });
        ctx.log(`  run ${rep + 1}, ${side}: ${result.succeeded} enrolled in ${(result.seconds * 1000).toFixed(0)} ms`);
      }
    }
    const of = (side: EnrollRun["side"]) => runs.filter((r) => r.side === side);
    const g = median(of("GraphQL").map((r) => r.seconds));
    const r = median(of("raw SQL").map((r) => r.seconds));
    const ratio = g / r;
    ctx.print(
      table(
        `批量参加 of ${ids.length} physicians in one transaction: enrollPhysicians vs the same statements raw (reset to 未确认参加 before each run)`,
        [
          "run",
          "server",
          "time",
          "succeeded",
          "failed",
          "events written",
          "counters = live",
          "server CPU",
          "MariaDB CPU",
          "other CPU",
        ],
        runs.map((x, i) => [
          String(Math.floor(i / 2) + 1),
          x.side,
          ms(x.seconds * 1000),
          x.succeeded,
          x.failed,
          x.events,
          x.countersMatch ? "yes" : "NO",
          pct(x.cpu.server),
          pct(x.cpu.db),
          pct(x.cpu.other),
        ]),
        `Median GraphQL ${ms(g * 1000)} vs raw ${ms(r * 1000)}: ${ratio.toFixed(2)}×. Raw = raw-enroll.ts: lock (SELECT … FOR UPDATE per 1 000 ids), ` +
          `guarded UPDATE per 1 000, events in INSERTs of 500 rows, the two counter upserts, the audit row — the statements enrollMany runs. ` +
          `GraphQL server RSS now: ${mib(graphql.memory().rss)}.`,
      ),
    );
    const allOk = runs.every((x) => x.succeeded === ids.length && x.countersMatch && x.events === ids.length);
    ctx.target({
      section: "enroll",
      name: `批量参加 of ${ids.length}, GraphQL vs raw (median of 3)`,
      target: "≤ 2.00×",
      actual: `${ratio.toFixed(2)}× (${ms(g * 1000)} vs ${ms(r * 1000)})`,
      pass: ratio <= 2,
      otherCpu: Math.max(...runs.map((x) => x.cpu.other)),
    });
    ctx.target({
      section: "enroll",
      name: "all enrolled, events and counters right (both sides)",
      target: "yes",
      actual: allOk ? "yes" : "no",
      pass: allOk,
    });
    return { physicians: ids.length, ratio, medianSeconds: { graphql: g, raw: r }, runs };
  } finally {
    await conn.end();
  }
}
