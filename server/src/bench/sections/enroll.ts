import { performance } from "node:perf_hooks";
import type { Connection } from "mysql2/promise";
import { BENCH_PASSWORD, mib, ms, USERS } from "../common";
import { databasePid, pct, withCpu, type BenchContext } from "../context";
import { gql, login } from "../gql";
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

/** 批量参加 of 5 000 physicians through enrollPhysicians, three times (each after a reset). */
export async function enrollSection(ctx: BenchContext): Promise<Record<string, unknown>> {
  const graphql = await ctx.graphql();
  const cookie = await login(graphql.url, USERS.enroll, BENCH_PASSWORD);
  const conn = await openBenchConnection();
  try {
    const [rows] = await conn.query(
      "SELECT physician_id AS id FROM application WHERE cycle_id = ? AND institution_id = ? ORDER BY physician_id",
      [ctx.dataset.cycleId, INST.enroll],
    );
    const ids = (rows as { id: number }[]).map((r) => r.id);
    const db = databasePid();
    const reps: {
      seconds: number;
      succeeded: number;
      failed: number;
      events: number;
      countersMatch: boolean;
      cpu: Record<string, number>;
    }[] = [];
    for (let rep = 0; rep < 3; rep++) {
      await reset(conn, ctx.dataset.cycleId, ctx.dataset.maxEventId);
      const { result, cpu } = await withCpu({ server: graphql.pid, db }, async () => {
        const t0 = performance.now();
        const data = await gql<{ enrollPhysicians: { succeeded: number; failed: number } }>(
          graphql.url,
          cookie,
          ENROLL,
          { ids },
        );
        return { seconds: (performance.now() - t0) / 1000, ...data.enrollPhysicians };
      });
      const [ev] = await conn.query(
        "SELECT COUNT(*) AS n FROM application_event e JOIN application a ON a.id = e.application_id WHERE a.institution_id = ? AND e.id > ?",
        [INST.enroll, ctx.dataset.maxEventId],
      );
      reps.push({
        ...result,
        events: Number((ev as { n: number }[])[0].n),
        countersMatch: await countersMatchLive(conn, INST.enroll),
        cpu,
      });
      ctx.log(`  run ${rep + 1}: ${result.succeeded} enrolled in ${(result.seconds * 1000).toFixed(0)} ms`);
    }
    const worst = Math.max(...reps.map((r) => r.seconds));
    ctx.print(
      table(
        `批量参加: enrollPhysicians with ${ids.length} physician ids (one HTTP request; reset to 未确认参加 before each run)`,
        [
          "run",
          "time",
          "succeeded",
          "failed",
          "events written",
          "counters = live",
          "server CPU",
          "MariaDB CPU",
          "other CPU",
        ],
        reps.map((r, i) => [
          String(i + 1),
          ms(r.seconds * 1000),
          r.succeeded,
          r.failed,
          r.events,
          r.countersMatch ? "yes" : "NO",
          pct(r.cpu.server),
          pct(r.cpu.db),
          pct(r.cpu.other),
        ]),
        `GraphQL server RSS now: ${mib(graphql.memory().rss)}.`,
      ),
    );
    const allOk = reps.every((r) => r.succeeded === ids.length && r.countersMatch && r.events === ids.length);
    const slowest = reps.find((r) => r.seconds === worst)!;
    ctx.target({
      section: "enroll",
      name: `批量参加 of ${ids.length} (slowest of 3)`,
      target: "< 2 s",
      actual: ms(worst * 1000),
      pass: worst < 2,
      otherCpu: slowest.cpu.other,
    });
    ctx.target({
      section: "enroll",
      name: "all enrolled, events and counters right",
      target: "yes",
      actual: allOk ? "yes" : "no",
      pass: allOk,
    });
    return { physicians: ids.length, runs: reps };
  } finally {
    await conn.end();
  }
}
