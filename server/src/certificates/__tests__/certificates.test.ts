import { ApplicationStatus } from "../../assessment/workflow";
import { Procedure } from "../../assessment/procedure";
import { placeApplication } from "../../testing/workflow";
import { startTestApp, type TestApp } from "../../testing/test-app";
import { buildWorld, signIn, type World } from "../../testing/world";
import type { GqlClient } from "../../testing/gql-client";

const CERT = `query($id: Int!) { certificate(applicationId: $id) { number physicianName idNumberMasked institutionName cycleName result issuingAuthority note imageUrl verifyUrl } }`;
const VERIFY = `query($n: String!) { verifyCertificate(number: $n) { number status message physicianNameMasked institutionName result } }`;

let app: TestApp;
let world: World;
let inst: GqlClient;
let assessor: GqlClient;

beforeAll(async () => {
  app = await startTestApp({ publicUrl: "https://dk.example.gov.cn" });
  world = await buildWorld(app.deps.ds);
  inst = await signIn(app, world.users.instA);
  assessor = await signIn(app, world.users.aiA);
});
afterAll(() => app.close());

async function qualified() {
  const placed = await placeApplication(app, world, ApplicationStatus.AWAITING_TEST, { procedure: Procedure.SIMPLE });
  await assessor.ok(
    `mutation($id: Int!) { recordTestResult(input: { applicationId: $id, testKind: HUMANITIES, score: 90, passed: true }) { status } }`,
    { id: placed.application.id },
  );
  return placed;
}

function pngSize(png: Buffer) {
  expect(png.subarray(0, 8)).toEqual(Buffer.from([0x89, 0x50, 0x4e, 0x47, 0x0d, 0x0a, 0x1a, 0x0a]));
  return { width: png.readUInt32BE(16), height: png.readUInt32BE(20) };
}

describe("结果查询/打印 (manual 2.3.0)", () => {
  it("a qualified application has a certificate; its PNG is the same bytes on every download", async () => {
    const { application, physician } = await qualified();
    const { certificate } = await inst.ok(CERT, { id: application.id });
    expect(certificate).toMatchObject({
      physicianName: physician.name,
      institutionName: "甲医院",
      result: "合格",
      issuingAuthority: "省卫健委",
      note: "合格证书需发证机关盖章后生效",
    });
    expect(certificate.number).toMatch(/^GX\d{4}-\d{7}$/);
    expect(certificate.idNumberMasked).toMatch(/^4501\*{10}/);
    expect(certificate.verifyUrl).toBe(`https://dk.example.gov.cn/verify/${certificate.number}`);
    const first = Buffer.from(await (await inst.get(certificate.imageUrl)).arrayBuffer());
    expect(pngSize(first)).toEqual({ width: 1754, height: 1240 });
    const again = await inst.ok(CERT, { id: application.id });
    const download = await inst.get(`${again.certificate.imageUrl}&download=1`);
    expect(download.headers.get("content-disposition")).toContain("attachment");
    expect(Buffer.from(await download.arrayBuffer()).equals(first)).toBe(true);
    expect((await inst.get(certificate.imageUrl.replace(/sig=[^&]+/, "sig=x"))).status).toBe(403);
    // The image link is no bearer URL: not without signing in, not for another institution (issue 18.13).
    expect((await fetch(`${app.url}${certificate.imageUrl}`)).status).toBe(401);
    expect((await (await signIn(app, world.users.instB)).get(certificate.imageUrl)).status).toBe(403);
  });

  it("only qualified applications have one, and only those who may see the application get it", async () => {
    const pending = await placeApplication(app, world, ApplicationStatus.AWAITING_TEST);
    expect((await inst.fails(CERT, { id: pending.application.id })).extensions?.code).toBe("NOT_FOUND");
    const { application } = await qualified();
    const other = await signIn(app, world.users.instB);
    expect((await other.fails(CERT, { id: application.id })).extensions?.code).toBe("NOT_FOUND");
    const city = await signIn(app, world.users.nanning);
    expect((await city.ok(CERT, { id: application.id })).certificate.result).toBe("合格");
  });

  it("anyone verifies a number without signing in; forged numbers are not found; revoked ones say so", async () => {
    const { application, physician } = await qualified();
    const { certificate } = await inst.ok(CERT, { id: application.id });
    const anonymous = app.client();
    const genuine = (await anonymous.ok(VERIFY, { n: certificate.number.toLowerCase() })).verifyCertificate;
    expect(genuine).toMatchObject({
      status: "GENUINE",
      message: "该证明真实有效",
      institutionName: "甲医院",
      result: "合格",
    });
    expect(genuine.physicianNameMasked).not.toBe(physician.name);
    expect(genuine.physicianNameMasked.startsWith(physician.name[0])).toBe(true);
    expect((await anonymous.ok(VERIFY, { n: "GX2024-9999999" })).verifyCertificate).toMatchObject({
      status: "NOT_FOUND",
      physicianNameMasked: null,
    });

    // cheating confirmed afterwards: the certificate is revoked
    const attempt: { id: number }[] = await app.deps.ds.query("SELECT id FROM test_attempt WHERE application_id = ?", [
      application.id,
    ]);
    await inst.ok(`mutation($id: Int!) { markAttemptSuspected(attemptId: $id) { id } }`, { id: attempt[0].id });
    const province = await signIn(app, world.users.province);
    await province.ok(
      `mutation($id: Int!) { judgeSuspectedAttempt(attemptId: $id, verdict: CONFIRMED, reason: "替考") { id } }`,
      { id: attempt[0].id },
    );
    expect((await anonymous.ok(VERIFY, { n: certificate.number })).verifyCertificate).toMatchObject({
      status: "REVOKED",
      message: "该证明已作废",
    });
    expect((await inst.fails(CERT, { id: application.id })).extensions?.code).toBe("NOT_FOUND");
    expect((await inst.get(certificate.imageUrl)).status).toBe(404);
  });
});
