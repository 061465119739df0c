import http from "node:http";
import { ImportJob } from "../import/import-job.entity";
import { Physician } from "../physician.entity";
import type { GqlClient } from "../../testing/gql-client";
import { goodRosterRow, ROSTER_IMPORT, rosterCsv, rosterRow, rosterXlsx } from "../../testing/roster-files";
import { startTestApp, type TestApp } from "../../testing/test-app";
import { buildWorld, signIn, type World } from "../../testing/world";

/**
 * A roster import whose parsing stops before the end of the file (a bad header in a big file, a stray quote, a
 * corrupt .xlsx, a file over the size cap, a client that hangs up) must answer BAD_USER_INPUT with the reason,
 * leave the server running, and mark its import job failed with what was really written.
 */
const CAP = 256 * 1024;
let app: TestApp;
let world: World;
let inst: GqlClient;

beforeAll(async () => {
  app = await startTestApp({ uploadMaxBytes: CAP });
  world = await buildWorld(app.deps.ds);
  inst = await signIn(app, world.users.instA);
});
afterAll(() => app.close());

const importFile = (name: string, content: Buffer | string) =>
  inst.upload(ROSTER_IMPORT, { file: null }, { file: { name, content } });
const goodRows = (n: number) => Array.from({ length: n }, () => rosterRow(goodRosterRow()));
const physicians = () => app.deps.ds.getRepository(Physician).countBy({ institutionId: world.instA.id });
const lastJob = () => app.deps.ds.getRepository(ImportJob).findOne({ where: {}, order: { id: "DESC" } });

/** The server still answers, and an ordinary import still works. */
async function expectServerAlive() {
  expect((await fetch(`${app.url}/healthz`)).status).toBe(200);
  const ok = await importFile("ok.csv", rosterCsv(goodRows(1)));
  expect(ok.errors).toBeUndefined();
  expect(ok.data.importPhysicians.created).toBe(1);
}

describe("roster import: files that stop the parser early", () => {
  it("a wrong header in a file of more than 70 KB: BAD_USER_INPUT, nothing written, server up", async () => {
    const before = await physicians();
    const big = rosterCsv(goodRows(900), ["姓名", "电话", ...Array.from({ length: 10 }, (_, i) => `列${i}`)]);
    expect(Buffer.byteLength(big)).toBeGreaterThan(70 * 1024);
    for (let attempt = 0; attempt < 2; attempt++) {
      const res = await importFile("wrong-header.csv", big);
      expect(res.errors?.[0]).toMatchObject({
        message: expect.stringContaining("表头缺少必填列"),
        extensions: { code: "BAD_USER_INPUT" },
      });
    }
    expect(await physicians()).toBe(before);
    await expectServerAlive();
  });

  it("a stray quote after the first chunk: BAD_USER_INPUT naming the line, the job marked failed with the rows created", async () => {
    const before = await physicians();
    const rows = goodRows(1200);
    const text = `${rosterCsv(rows)}\r\n"未闭合的引号,450102198001011234,临床\r\n${rosterCsv(goodRows(50)).split("\r\n").slice(1).join("\r\n")}`;
    const res = await importFile("stray-quote.csv", text);
    expect(res.errors?.[0].extensions).toMatchObject({ code: "BAD_USER_INPUT", importJobId: expect.any(Number) });
    expect(res.errors?.[0].message).toMatch(/文件在第 \d+ 行附近格式有误/);
    const job = await lastJob();
    expect(job).toMatchObject({ id: res.errors?.[0].extensions?.importJobId, failureReason: expect.any(String) });
    expect(job!.finishedAt).not.toBeNull();
    // chunks of 500 rows are committed as they go: what the job says is what is in the roster
    expect(job!.created).toBe((await physicians()) - before);
    expect(job!.created).toBeGreaterThanOrEqual(500);
    await expectServerAlive();
  });

  it("a corrupt .xlsx (a real workbook cut in the middle): BAD_USER_INPUT, server up", async () => {
    const whole = await rosterXlsx(goodRows(300));
    for (const cut of [
      whole.subarray(0, Math.floor(whole.length / 2)),
      Buffer.concat([whole.subarray(0, 200), Buffer.alloc(4000, 0x41)]),
    ]) {
      const res = await importFile("corrupt.xlsx", cut);
      expect(res.errors?.[0]).toMatchObject({
        message: "文件不是有效的 Excel（.xlsx）或 CSV 表格，请使用下载的模板",
        extensions: { code: "BAD_USER_INPUT" },
      });
    }
    await expectServerAlive();
  });

  it("a file over the size cap: BAD_USER_INPUT with the cap, nothing written, server up", async () => {
    const before = await physicians();
    const big = rosterCsv(goodRows(3000));
    expect(Buffer.byteLength(big)).toBeGreaterThan(CAP);
    const res = await importFile("too-big.csv", big);
    expect(res.errors?.[0]).toMatchObject({
      message: "文件“too-big.csv”超过 0.3 MB 的大小上限",
      extensions: { code: "BAD_USER_INPUT" },
    });
    expect((await lastJob())?.fileName).not.toBe("too-big.csv");
    expect(await physicians()).toBe(before);
    await expectServerAlive();
  });

  it("a client that hangs up mid-upload: server up, no job and nothing written (the file is received whole first)", async () => {
    const before = await physicians();
    const jobsBefore = await app.deps.ds.getRepository(ImportJob).count();
    const cookie = (inst as unknown as { cookie: string }).cookie;
    const boundary = "----fault-test";
    const file = Buffer.from(rosterCsv(goodRows(2000)));
    const head = Buffer.from(
      `--${boundary}\r\nContent-Disposition: form-data; name="operations"\r\n\r\n` +
        JSON.stringify({ query: ROSTER_IMPORT, variables: { file: null } }) +
        `\r\n--${boundary}\r\nContent-Disposition: form-data; name="map"\r\n\r\n{"0":["variables.file"]}\r\n` +
        `--${boundary}\r\nContent-Disposition: form-data; name="0"; filename="hangup.csv"\r\nContent-Type: text/csv\r\n\r\n`,
    );
    await new Promise<void>((resolve) => {
      const req = http.request(`${app.url}/graphql`, {
        method: "POST",
        headers: {
          "content-type": `multipart/form-data; boundary=${boundary}`,
          "content-length": String(head.length + file.length + 100),
          "apollo-require-preflight": "true",
          cookie,
        },
      });
      req.on("error", () => resolve());
      req.write(head);
      req.write(file.subarray(0, Math.floor(file.length * 0.6)), () =>
        setTimeout(() => (req.destroy(), resolve()), 800),
      );
    });
    await new Promise((r) => setTimeout(r, 500));
    expect(await app.deps.ds.getRepository(ImportJob).count()).toBe(jobsBefore);
    expect(await physicians()).toBe(before);
    await expectServerAlive();
  });
});
