import { randomBytes } from "node:crypto";
import { hashToken } from "../../accounts/principal";
import { ms } from "../common";
import { databasePid, pct, withCpu, type BenchContext } from "../context";
import { gql } from "../gql";
import { graphqlError, request, runLoad, type LatencyStats, type RequestSpec } from "../load";
import { startRecordingApp, type Statement } from "../recording-app";
import { table } from "../report";
import { countersMatchLive, openBenchConnection } from "../seed";
import { snapshotApplications } from "../snapshot";

export const SUBMIT_MUTATION = `mutation Submit($input: ApplicationFormInput!, $v: Int) {
  submitApplication(input: $input, expectedVersion: $v) { id version status statusLabel availableActions lastAction lastActionAt }
}`;

/** Applications of these institutions (assessment institutions with 800 physicians each, ~70 awaiting registration each). */
const INSTITUTIONS = [4, 5, 6, 7, 8];
const COUNT = 200;
const CONCURRENCY = 8;

interface Target {
  applicationId: number;
  version: number;
  departmentId: number | null;
  accountId: number;
  cookie: string;
}

/** A full 一般程序 form, as a physician fills it (work quantities above the thresholds). */
const form = (t: Target) => ({
  procedure: "GENERAL",
  departmentId: t.departmentId,
  practiceExperience: "2012 年起在本院内科执业，2019 年晋升主治医师",
  workPerformance: "两年门诊 6 200 人次，参与院内疑难病例讨论 40 余次",
  ethics: "无投诉，无医疗纠纷",
  report: "",
  hasGoodRecord: false,
  hasBadRecord: false,
  workQuantities: [
    { code: "PATIENTS", value: 2600 },
    { code: "OPERATIONS", value: 300 },
  ],
});

/**
 * The physician's submit of a full application (the write path): 200 physicians each submit their own
 * 一般程序 application once, 8 at a time, through the GraphQL server; the raw side replays, on one connection per
 * request, the statements the service ran for the same submit (recorded in-process beforehand: the transaction with
 * its locks, guarded UPDATE, event, counters and audit row). Rows are put back exactly between runs.
 */
export async function submitSection(ctx: BenchContext): Promise<Record<string, unknown>> {
  const [graphql, raw] = [await ctx.graphql(), await ctx.raw()];
  const conn = await openBenchConnection();
  const [rows] = await conn.query(
    `SELECT a.id AS applicationId, a.version, p.department_id AS departmentId, acc.id AS accountId
     FROM application a JOIN physician p ON p.id = a.physician_id JOIN account acc ON acc.physician_id = a.physician_id
     WHERE a.cycle_id = ? AND a.institution_id IN (?) AND a.status = 'AWAITING_REGISTRATION' AND p.department_id IS NOT NULL ORDER BY a.id LIMIT ?`,
    [ctx.dataset.cycleId, INSTITUTIONS, COUNT],
  );
  const targets = (rows as Omit<Target, "cookie">[]).map((r) => {
    const token = randomBytes(32).toString("base64url");
    return { ...r, cookie: `pa_sid=${token}`, token };
  });
  const accountIds = targets.map((t) => t.accountId);
  // Signed-in physicians who have set their own password (the seeded ones still must change it first).
  const now = new Date();
  await conn.query("INSERT INTO session (token_hash, account_id, created_at, last_seen_at, ip, user_agent) VALUES ?", [
    targets.map((t) => [hashToken(t.token), t.accountId, now, now, "127.0.0.1", "bench"]),
  ]);
  await conn.query("UPDATE account SET must_change_password = 0 WHERE id IN (?)", [accountIds]);
  const snap = await snapshotApplications(
    conn,
    targets.map((t) => t.applicationId),
    accountIds,
  );
  try {
    const recorder = await startRecordingApp();
    const recorded: Statement[][] = [];
    try {
      for (const t of targets)
        recorded.push(
          await recorder.record(() => gql(recorder.url, t.cookie, SUBMIT_MUTATION, { input: form(t), v: t.version })),
        );
    } finally {
      await recorder.close();
    }
    await snap.restore();
    const load = await request(raw.url, {
      method: "POST",
      path: "/replay/load",
      headers: { "content-type": "application/json" },
      body: JSON.stringify({ name: "submit", variants: recorded }),
    });
    if (load.status !== 200)
      throw new Error(`replay/load submit: ${load.status} ${load.body.toString().slice(0, 300)}`);

    const db = databasePid();
    const sides = [
      [
        "GraphQL",
        graphql,
        (k: number): RequestSpec => ({
          method: "POST",
          path: "/graphql",
          headers: { "content-type": "application/json", cookie: targets[k].cookie },
          body: JSON.stringify({
            query: SUBMIT_MUTATION,
            variables: { input: form(targets[k]), v: targets[k].version },
          }),
        }),
        graphqlError,
      ],
      ["raw SQL", raw, (k: number): RequestSpec => ({ method: "POST", path: `/replay?name=submit&v=${k}` }), undefined],
    ] as const;
    const runs: { side: string; round: number; stats: LatencyStats; cpu: Record<string, number>; submitted: number }[] =
      [];
    let countersRight = true;
    for (let round = 1; round <= 2; round++) {
      for (const [side, server, spec, isError] of sides) {
        let next = 0;
        const { result: stats, cpu } = await withCpu({ server: server.pid, db }, () =>
          runLoad({
            baseUrl: server.url,
            concurrency: CONCURRENCY,
            requests: targets.length,
            build: () => spec(next++),
            isError,
          }),
        );
        const [[done]] = (await conn.query(
          "SELECT COUNT(*) AS n FROM application WHERE id IN (?) AND status = 'AWAITING_INSTITUTION_REVIEW'",
          [targets.map((t) => t.applicationId)],
        )) as never as [{ n: number }[]];
        for (const i of INSTITUTIONS) countersRight &&= await countersMatchLive(conn, i);
        runs.push({ side, round, stats, cpu, submitted: Number(done.n) });
        if (stats.errorSamples.length) ctx.log(`  submit, ${side}: ${stats.errorSamples.join(" | ")}`);
        ctx.log(`  round ${round}, ${side}: ${done.n} submitted, ${stats.rps.toFixed(0)} req/s`);
        await snap.restore();
      }
    }
    const total = (side: string) => {
      const mine = runs.filter((r) => r.side === side);
      const seconds = mine.reduce((a, r) => a + r.stats.seconds, 0);
      return mine.reduce((a, r) => a + r.stats.requests, 0) / seconds;
    };
    const ratio = total("GraphQL") / total("raw SQL");
    const counts = recorded.map((s) => s.length);
    ctx.print(
      table(
        `Physician's submit of a full 一般程序 application, ${targets.length} physicians, ${CONCURRENCY} at a time: GraphQL vs the same statements replayed raw`,
        ["round", "server", "req/s", "p50", "p99", "submitted", "errors", "server CPU", "MariaDB CPU", "other CPU"],
        runs.map((r) => [
          String(r.round),
          r.side,
          r.stats.rps.toFixed(0),
          ms(r.stats.p50),
          ms(r.stats.p99),
          r.submitted,
          r.stats.errors,
          pct(r.cpu.server),
          pct(r.cpu.db),
          pct(r.cpu.other),
        ]),
        `GraphQL / raw: ${ratio.toFixed(2)}×. The service ran ${Math.min(...counts)}–${Math.max(...counts)} statements per submit ` +
          `(session, transaction with the application locked, validation look-ups, guarded UPDATE, event, counters, audit); ` +
          `the raw side replays exactly those on one connection. Counters equal live counts after every run: ${countersRight ? "yes" : "NO"}.`,
      ),
    );
    const allDone = runs.every((r) => r.submitted === targets.length && r.stats.errors === 0);
    ctx.target({
      section: "submit",
      name: `submit of ${targets.length} applications: all submitted, counters right (both sides)`,
      target: "yes",
      actual: allDone && countersRight ? "yes" : "no",
      pass: allDone && countersRight,
    });
    return { physicians: targets.length, ratio, statements: counts, runs };
  } finally {
    await snap.restore();
    await snap.drop();
    await conn.query("DELETE FROM session WHERE account_id IN (?)", [accountIds]);
    await conn.query("UPDATE account SET must_change_password = 1 WHERE id IN (?)", [accountIds]);
    await conn.end();
  }
}
