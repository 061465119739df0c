import { Institution } from "../institution.entity";
import { AssessmentInstitutionApplication } from "../assessment-institution-application.entity";
import { Attachment } from "../../attachments/attachment.entity";
import { startTestApp, type TestApp } from "../../testing/test-app";
import { samplePdf, samplePng } from "../../testing/files";
import { buildWorld, signIn, type World } from "../../testing/world";

const APPLY = `mutation($input: AaApplicationInput!, $files: [Upload!]!) {
  applyForAssessmentInstitution(input: $input, files: $files) { id status institutionName attachments { fileName mimeType size sha256 url } }
}`;
const DECIDE = `mutation($id: Int!, $approve: Boolean!, $reason: String) {
  decideAssessmentInstitutionApplication(id: $id, approve: $approve, reason: $reason) { id status decisionReason }
}`;
const input = {
  statement: "本院床位 1800 张，医师 600 名，具备承担考核工作的条件。",
  bedCount: 1800,
  physicianCount: 600,
};

let app: TestApp;
let world: World;
beforeAll(async () => {
  app = await startTestApp({ uploadMaxBytes: 64 * 1024 });
  world = await buildWorld(app.deps.ds);
});
afterAll(() => app.close());

describe("申请考核机构 (manual 2.2.4)", () => {
  it("submits with attachments checked by content; the file downloads through a signed link", async () => {
    const inst = await signIn(app, world.users.instA);
    const res = await inst.upload(
      APPLY,
      { input, files: [null, null] },
      {
        "files.0": { name: "申请书.pdf", content: samplePdf(), type: "application/pdf" },
        "files.1": { name: "床位证明.png", content: samplePng(), type: "image/png" },
      },
    );
    expect(res.errors).toBeUndefined();
    const app1 = res.data.applyForAssessmentInstitution;
    expect(app1.status).toBe("PENDING");
    expect(app1.attachments.map((a: { mimeType: string }) => a.mimeType)).toEqual(["application/pdf", "image/png"]);
    const download = await inst.get(app1.attachments[0].url);
    expect(download.status).toBe(200);
    expect(download.headers.get("content-type")).toBe("application/pdf");
    expect(Buffer.from(await download.arrayBuffer()).equals(samplePdf())).toBe(true);
    const forged = await inst.get(app1.attachments[0].url.replace(/sig=[^&]+/, "sig=forged"));
    expect(forged.status).toBe(403);

    const again = await inst.upload(
      APPLY,
      { input, files: [null] },
      { "files.0": { name: "a.pdf", content: samplePdf() } },
    );
    expect(again.errors?.[0].extensions?.code).toBe("CONFLICT");
  });

  it("needs the administration to open the right to apply first", async () => {
    await app.deps.ds
      .getRepository(Institution)
      .update({ id: world.instB.id }, { assessmentApplicationAllowed: false });
    const inst = await signIn(app, world.users.instB);
    const res = await inst.upload(
      APPLY,
      { input, files: [null] },
      { "files.0": { name: "a.pdf", content: samplePdf() } },
    );
    expect(res.errors?.[0]).toMatchObject({
      message: "主管卫生行政部门尚未开通本机构的申请权限，请先联系主管卫生行政部门",
      extensions: { code: "INVALID_STATE" },
    });
    const other = await signIn(app, world.users.liuzhou);
    const ALLOW = `mutation($id: Int!) { allowAssessmentInstitutionApplication(institutionId: $id, allowed: true) { assessmentApplicationAllowed } }`;
    expect((await other.fails(ALLOW, { id: world.instB.id })).extensions?.code).toBe("NOT_FOUND");
    const county = await signIn(app, world.users.qingxiu);
    expect(
      (await county.ok(ALLOW, { id: world.instB.id })).allowAssessmentInstitutionApplication
        .assessmentApplicationAllowed,
    ).toBe(true);
  });

  it("refuses a file that is not PDF/JPEG/PNG whatever its name, and keeps nothing", async () => {
    const inst = await signIn(app, world.users.instB);
    const before = await app.deps.ds.getRepository(Attachment).count();
    const res = await inst.upload(
      APPLY,
      { input, files: [null] },
      { "files.0": { name: "假装.pdf", content: "just text", type: "application/pdf" } },
    );
    expect(res.errors?.[0].extensions?.code).toBe("BAD_USER_INPUT");
    expect(res.errors?.[0].message).toContain("不是允许的格式");
    expect(await app.deps.ds.getRepository(Attachment).count()).toBe(before);
    expect(
      await app.deps.ds.getRepository(AssessmentInstitutionApplication).countBy({ institutionId: world.instB.id }),
    ).toBe(0);
  });

  it("refuses a file over the size cap", async () => {
    const inst = await signIn(app, world.users.instB);
    const big = Buffer.concat([samplePdf(), Buffer.alloc(70 * 1024, 32)]);
    const res = await inst.upload(APPLY, { input, files: [null] }, { "files.0": { name: "big.pdf", content: big } });
    expect(res.errors?.[0].extensions?.code).toBe("BAD_USER_INPUT");
    expect(res.errors?.[0].message).toContain("大小上限");
  });

  it("refuses a multipart request without the CSRF preflight header", async () => {
    const inst = await signIn(app, world.users.instB);
    const res = await inst.upload(
      APPLY,
      { input, files: [null] },
      { "files.0": { name: "a.pdf", content: samplePdf() } },
      {},
    );
    expect(res.status).toBe(400);
  });

  it("the administration over the institution approves and grants the role; others cannot", async () => {
    const pending = await app.deps.ds
      .getRepository(AssessmentInstitutionApplication)
      .findOneByOrFail({ institutionId: world.instA.id });
    const liuzhou = await signIn(app, world.users.liuzhou);
    expect((await liuzhou.fails(DECIDE, { id: pending.id, approve: true })).extensions?.code).toBe("NOT_FOUND");
    const nanning = await signIn(app, world.users.nanning);
    const list = await nanning.ok(
      `{ assessmentInstitutionApplications(status: PENDING) { total items { id institutionName attachments { fileName } } } }`,
    );
    expect(list.assessmentInstitutionApplications.items[0]).toMatchObject({
      id: pending.id,
      institutionName: "甲医院",
    });
    const rejectWithoutReason = await nanning.fails(DECIDE, { id: pending.id, approve: false });
    expect(rejectWithoutReason.message).toBe("驳回时请填写驳回理由");
    const { decideAssessmentInstitutionApplication: decided } = await nanning.ok(DECIDE, {
      id: pending.id,
      approve: true,
      reason: "同意",
    });
    expect(decided.status).toBe("APPROVED");
    expect(
      (await app.deps.ds.getRepository(Institution).findOneByOrFail({ id: world.instA.id })).isAssessmentInstitution,
    ).toBe(true);
    expect((await nanning.fails(DECIDE, { id: pending.id, approve: false, reason: "x" })).extensions?.code).toBe(
      "INVALID_STATE",
    );
    // the institution's account now carries both roles
    const inst = await signIn(app, world.users.instA);
    expect((await inst.ok(`{ me { roles } }`)).me.roles).toEqual(["INSTITUTION", "ASSESSMENT_INSTITUTION"]);
  });

  it("of two racing decisions exactly one wins", async () => {
    const inst = await signIn(app, world.users.instC);
    await inst.upload(APPLY, { input, files: [null] }, { "files.0": { name: "a.pdf", content: samplePdf() } });
    const pending = await app.deps.ds
      .getRepository(AssessmentInstitutionApplication)
      .findOneByOrFail({ institutionId: world.instC.id });
    const a = await signIn(app, world.users.liuzhou);
    const b = await signIn(app, world.users.province);
    const results = await Promise.all([
      a.request(DECIDE, { id: pending.id, approve: true }),
      b.request(DECIDE, { id: pending.id, approve: false, reason: "材料不全" }),
    ]);
    const ok = results.filter((r) => !r.errors);
    expect(ok).toHaveLength(1);
    expect(results.filter((r) => r.errors)[0].errors?.[0].extensions?.code).toMatch(/CONFLICT|INVALID_STATE/);
  });
});
