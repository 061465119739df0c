import { ApplicationStatus } from "../../assessment/workflow";
import { Procedure } from "../../assessment/procedure";
import { placeApplication } from "../../testing/workflow";
import { startTestApp, type TestApp } from "../../testing/test-app";
import { buildWorld, signIn, type World } from "../../testing/world";
import type { GqlClient } from "../../testing/gql-client";
import { createCanvas, loadImage } from "@napi-rs/canvas";
import { CERTIFICATE_QR_BOX } from "../render/certificate-image";
import { qrLayout } from "../render/draw";

const CERT = `query($id: Int!) { certificate(applicationId: $id) { number verificationCode physicianName idNumberMasked institutionName cycleName result issuingAuthority note imageUrl verifyUrl } }`;
const VERIFY = `query($n: String!, $c: String) { verifyCertificate(number: $n, code: $c) { number status message physicianNameMasked institutionName result } }`;

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
    expect(certificate.verificationCode).toMatch(/^[0-9A-HJKMNP-TV-Z]{4}-[0-9A-HJKMNP-TV-Z]{4}-[0-9A-HJKMNP-TV-Z]{4}$/);
    const code = certificate.verificationCode.replace(/-/g, "");
    expect(certificate.verifyUrl).toBe(`https://dk.example.gov.cn/verify/${certificate.number}?code=${code}`);
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

  it("every certificate has its own unguessable code; the QR on the image carries the number and the code", async () => {
    const one = (await inst.ok(CERT, { id: (await qualified()).application.id })).certificate;
    const two = (await inst.ok(CERT, { id: (await qualified()).application.id })).certificate;
    expect(one.verificationCode).not.toBe(two.verificationCode);
    const stored: { verification_code: string }[] = await app.deps.ds.query(
      "SELECT verification_code FROM certificate WHERE number = ?",
      [one.number],
    );
    expect(stored[0].verification_code).toBe(one.verificationCode.replace(/-/g, ""));
    // The image's QR encodes verifyUrl (with the code): its modules are those of that text's QR.
    const png = Buffer.from(await (await inst.get(one.imageUrl)).arrayBuffer());
    const image = await loadImage(png);
    const canvas = createCanvas(image.width, image.height);
    const g = canvas.getContext("2d");
    g.drawImage(image, 0, 0);
    const box = CERTIFICATE_QR_BOX;
    const pixels = g.getImageData(box.x, box.y, box.size, box.size).data;
    const dark = (x: number, y: number) => pixels[(y * box.size + x) * 4] < 128;
    const matches = (text: string) => {
      const { count, cell, offset, isDark } = qrLayout(text, box.size);
      for (let r = 0; r < count; r++)
        for (let c = 0; c < count; c++)
          if (dark(offset + c * cell + Math.floor(cell / 2), offset + r * cell + Math.floor(cell / 2)) !== isDark(r, c))
            return false;
      return true;
    };
    expect(one.verifyUrl).toContain(`?code=${one.verificationCode.replace(/-/g, "")}`);
    expect(matches(one.verifyUrl)).toBe(true);
    expect(matches(one.verifyUrl.replace(/\?code=.*$/, ""))).toBe(false);
  });

  it("verification needs the code: missing is refused, a wrong one answers exactly like an unknown number", async () => {
    const { application } = await qualified();
    const { certificate } = await inst.ok(CERT, { id: application.id });
    const anonymous = app.client();
    for (const c of [undefined, null, "", " - "]) {
      const err = await anonymous.fails(VERIFY, { n: certificate.number, c });
      expect(err.extensions).toMatchObject({ code: "BAD_USER_INPUT", field: "code" });
      expect(err.message).toBe("请填写核验码（证明编号旁或扫描二维码获得）");
    }
    const code = certificate.verificationCode as string;
    const wrong = code.replace(/^./, (ch) => (ch === "0" ? "1" : "0"));
    const byWrongCode = (await anonymous.ok(VERIFY, { n: certificate.number, c: wrong })).verifyCertificate;
    const unknownNumber = certificate.number.replace(/\d{7}$/, "9999999");
    const byUnknown = (await anonymous.ok(VERIFY, { n: unknownNumber, c: code })).verifyCertificate;
    expect(byWrongCode).toEqual({ ...byUnknown, number: certificate.number });
    expect(byWrongCode).toEqual({
      number: certificate.number,
      status: "NOT_FOUND",
      message: "查无此证，请核对证明编号和核验码",
      physicianNameMasked: null,
      institutionName: null,
      result: null,
    });
    // Another certificate's code does not open this one.
    const other = (await inst.ok(CERT, { id: (await qualified()).application.id })).certificate;
    expect(
      (await anonymous.ok(VERIFY, { n: certificate.number, c: other.verificationCode })).verifyCertificate.status,
    ).toBe("NOT_FOUND");
    // As typed from paper: lower case, without dashes, O for 0 and I/L for 1 are read the Crockford way.
    const typed = code.replace(/-/g, "").toLowerCase().replace(/0/g, "o").replace(/1/g, "l");
    expect((await anonymous.ok(VERIFY, { n: certificate.number, c: typed })).verifyCertificate.status).toBe("GENUINE");
  });

  it("anyone verifies a number with its code without signing in; forged numbers are not found; revoked ones say so", async () => {
    const { application, physician } = await qualified();
    const { certificate } = await inst.ok(CERT, { id: application.id });
    const anonymous = app.client();
    const c = certificate.verificationCode;
    const genuine = (await anonymous.ok(VERIFY, { n: certificate.number.toLowerCase(), c })).verifyCertificate;
    expect(genuine).toMatchObject({
      status: "GENUINE",
      message: "该证明真实有效",
      institutionName: "甲医院",
      result: "合格",
    });
    expect(genuine.physicianNameMasked).not.toBe(physician.name);
    expect(genuine.physicianNameMasked.startsWith(physician.name[0])).toBe(true);
    expect((await anonymous.ok(VERIFY, { n: "GX2024-9999999", c })).verifyCertificate).toMatchObject({
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
    expect((await anonymous.ok(VERIFY, { n: certificate.number, c })).verifyCertificate).toMatchObject({
      status: "REVOKED",
      message: "该证明已作废",
    });
    const revoked = await inst.fails(CERT, { id: application.id });
    expect(revoked.extensions).toMatchObject({ code: "NOT_FOUND", reason: "CERTIFICATE_REVOKED" });
    expect(revoked.message).toBe("该合格证明已作废，不能查看或下载（作废原因见办理记录）");
    expect((await inst.get(certificate.imageUrl)).status).toBe(404);
  });
});
