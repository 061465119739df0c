import { ApplicationStatus } from "../../assessment/workflow";
import { createTestApiClient } from "../../testing/api-clients";
import { samplePdf } from "../../testing/files";
import { GqlClient } from "../../testing/gql-client";
import { startTestApp, type TestApp } from "../../testing/test-app";
import { physicianClient, placeApplication } from "../../testing/workflow";
import { buildWorld, signIn, type World } from "../../testing/world";

/**
 * A download link is no bearer URL (issue 18.13): it is signed for the caller GraphQL handed it to, and the
 * download route serves it only to that caller — its session cookie or its bearer token.
 */
const UPLOAD = `mutation($purpose: AttachmentPurpose!, $file: Upload!) { uploadApplicationAttachment(purpose: $purpose, file: $file) { id url } }`;
const FILES = `query($id: Int!) { application(id: $id) { attachments { id url } } }`;

let app: TestApp;
let world: World;
let applicationId: number;
let physician: GqlClient;
let physicianUrl: string;
const pdf = samplePdf();

beforeAll(async () => {
  app = await startTestApp();
  world = await buildWorld(app.deps.ds);
  const placed = await placeApplication(app, world, ApplicationStatus.AWAITING_REGISTRATION);
  applicationId = placed.application.id;
  physician = await physicianClient(app, placed.physician);
  const res = await physician.upload(
    UPLOAD,
    { purpose: "MATERIAL", file: null },
    { file: { name: "述职材料.pdf", content: pdf, type: "application/pdf" } },
  );
  expect(res.errors).toBeUndefined();
  physicianUrl = res.data.uploadApplicationAttachment.url;
});
afterAll(() => app.close());

const urlFor = async (client: GqlClient) =>
  (await client.ok(FILES, { id: applicationId })).application.attachments[0].url;

describe("file downloads need the signature and the caller it was signed for", () => {
  it("the caller the link was issued to gets the file", async () => {
    const res = await physician.get(physicianUrl);
    expect(res.status).toBe(200);
    expect(Buffer.from(await res.arrayBuffer()).equals(pdf)).toBe(true);
  });

  it("without a session or token: 401 UNAUTHENTICATED, whatever the signature", async () => {
    const res = await fetch(`${app.url}${physicianUrl}`);
    expect(res.status).toBe(401);
    expect(await res.json()).toEqual({ error: { code: "UNAUTHENTICATED", message: "请先登录后再打开文件" } });
  });

  it("another institution's session: 403, even with a valid link of the owner's", async () => {
    const instA = await signIn(app, world.users.instA);
    const ownUrl = await urlFor(instA);
    expect((await instA.get(ownUrl)).status).toBe(200);
    const instB = await signIn(app, world.users.instB);
    for (const link of [ownUrl, physicianUrl]) {
      const res = await instB.get(link);
      expect(res.status).toBe(403);
      expect(((await res.json()) as { error: { code: string } }).error.code).toBe("FORBIDDEN");
    }
    // and the owner institution cannot use the physician's link either: a link is the caller's own.
    expect((await instA.get(physicianUrl)).status).toBe(403);
  });

  it("an API client with its bearer token gets its own link; the same link with another caller is refused", async () => {
    const { token } = await createTestApiClient(app.deps.ds, "450000");
    const machine = new GqlClient(app.url);
    machine.bearer = token;
    const link = await urlFor(machine);
    expect((await machine.get(link)).status).toBe(200);
    expect((await fetch(`${app.url}${link}`)).status).toBe(401);
    expect((await physician.get(link)).status).toBe(403);
  });

  it("a forged or expired signature is refused for the right caller too", async () => {
    expect((await physician.get(physicianUrl.replace(/sig=[^&]+/, "sig=forged"))).status).toBe(403);
    expect((await physician.get(physicianUrl.replace(/exp=\d+/, "exp=1000"))).status).toBe(403);
  });
});
