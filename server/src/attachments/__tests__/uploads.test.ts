import { ApplicationStatus } from "../../assessment/workflow";
import type { GqlClient } from "../../testing/gql-client";
import { sampleJpeg, samplePdf, samplePng } from "../../testing/files";
import { streamUpload } from "../../testing/slow-upload";
import { startTestApp, type TestApp } from "../../testing/test-app";
import { physicianClient, placeApplication } from "../../testing/workflow";
import { buildWorld, signIn, type World } from "../../testing/world";
import { Attachment } from "../attachment.entity";

/**
 * Oversized and unauthorised uploads are refused before their body is read: authentication first, the
 * operation's permission next, a Content-Length over what the operation could carry at once, and a streamed file
 * the moment it passes the cap. Each test streams a large body over a raw socket and counts how much of it the
 * server let in before answering (socket buffers hold a few MB: that much always goes).
 */
const CAP = 1024 * 1024;
const GB = 1024 * 1024 * 1024;
const BUFFERED = 16 * 1024 * 1024;
const UPLOAD = `mutation($purpose: AttachmentPurpose!, $file: Upload!) { uploadApplicationAttachment(purpose: $purpose, file: $file) { id } }`;

let app: TestApp;
let world: World;
let physician: GqlClient;
let institution: GqlClient;

beforeAll(async () => {
  app = await startTestApp({ uploadMaxBytes: CAP });
  world = await buildWorld(app.deps.ds);
  const placed = await placeApplication(app, world, ApplicationStatus.AWAITING_REGISTRATION);
  physician = await physicianClient(app, placed.physician);
  institution = await signIn(app, world.users.instA);
});
afterAll(() => app.close());

const cookieOf = (client: GqlClient) => (client as unknown as { cookie: string }).cookie;
const upload = (fileBytes: number, extra: { cookie?: string; declaredLength?: number } = {}) =>
  streamUpload({
    url: app.url,
    query: UPLOAD,
    variables: { purpose: "MATERIAL", file: null },
    fileVariable: "file",
    fileBytes,
    headers: extra.cookie ? { cookie: extra.cookie } : {},
    declaredLength: extra.declaredLength,
  });
const errorOf = (body: string) => (JSON.parse(body) as { errors: { message: string; extensions: object }[] }).errors[0];
const attachments = () => app.deps.ds.getRepository(Attachment).count();

describe("uploads refused before their body is read", () => {
  it("anonymous: 401 UNAUTHENTICATED at once, the 1 GB body left unread", async () => {
    const res = await upload(GB, { declaredLength: GB + 1000 });
    expect(res.status).toBe(401);
    expect(errorOf(res.body)).toEqual({ message: "请先登录", extensions: { code: "UNAUTHENTICATED" } });
    expect(res.bodyBytesSent).toBeLessThan(BUFFERED);
    expect(res.ms).toBeLessThan(2000);
  });

  it("anonymous and chunked (no Content-Length): the same", async () => {
    const res = await upload(GB);
    expect(res.status).toBe(401);
    expect(res.bodyBytesSent).toBeLessThan(BUFFERED);
  });

  it("signed in but without the operation's permission: FORBIDDEN before the file is read", async () => {
    const before = await attachments();
    const res = await upload(GB, { cookie: cookieOf(institution) });
    expect(errorOf(res.body)).toMatchObject({ extensions: { code: "FORBIDDEN" } });
    expect(res.bodyBytesSent).toBeLessThan(BUFFERED);
    expect(res.ms).toBeLessThan(3000);
    expect(await attachments()).toBe(before);
  });

  it("a Content-Length beyond what the operation's files may weigh: 413 at once, nothing read", async () => {
    const res = await upload(GB, { cookie: cookieOf(physician), declaredLength: GB + 1000 });
    expect(res.status).toBe(413);
    expect(errorOf(res.body)).toEqual({
      message: "上传的文件超过 1 MB 的大小上限",
      extensions: { code: "BAD_USER_INPUT", field: "file", maxBytes: CAP },
    });
    expect(res.bodyBytesSent).toBeLessThan(BUFFERED);
  });

  it("a streamed file that passes the cap: refused the moment it does, the rest left unread", async () => {
    const before = await attachments();
    const res = await upload(GB, { cookie: cookieOf(physician) });
    expect(errorOf(res.body)).toMatchObject({
      message: "文件“big.pdf”超过 1 MB 的大小上限",
      path: ["uploadApplicationAttachment"],
      extensions: { code: "BAD_USER_INPUT", field: "file" },
    });
    expect(res.bodyBytesSent).toBeLessThan(CAP + BUFFERED);
    expect(res.ms).toBeLessThan(3000);
    expect(await attachments()).toBe(before);
  });

  it("a file within the cap still uploads (the console's way: fetch and FormData)", async () => {
    const res = await physician.upload(
      UPLOAD,
      { purpose: "MATERIAL", file: null },
      { file: { name: "材料.pdf", content: samplePdf() } },
    );
    expect(res.errors).toBeUndefined();
    expect(res.data.uploadApplicationAttachment.id).toEqual(expect.any(Number));
  });
});

describe("removed attachments' files", () => {
  const REMOVE = `mutation($id: Int!) { removeApplicationAttachment(attachmentId: $id) }`;
  const uploadPdf = async (client: GqlClient) => {
    const res = await client.upload(
      UPLOAD,
      { purpose: "MATERIAL", file: null },
      { file: { name: "材料.pdf", content: samplePdf() } },
    );
    const id = res.data.uploadApplicationAttachment.id as number;
    return app.deps.ds.getRepository(Attachment).findOneByOrFail({ id });
  };
  const stored = (key: string) => app.deps.storage.exists(key);

  it("remove/upload cycles leave no file behind: each removal deletes its file after commit", async () => {
    const keys: string[] = [];
    for (let i = 0; i < 5; i++) {
      const a = await uploadPdf(physician);
      expect(await stored(a.storageKey)).toBe(true);
      await physician.ok(REMOVE, { id: a.id });
      keys.push(a.storageKey);
    }
    for (const key of keys) expect(await stored(key)).toBe(false);
  });

  it("a file that another row still refers to stays until the last one goes", async () => {
    const a = await uploadPdf(physician);
    const { id: _id, ...copy } = a;
    const twin = await app.deps.ds.getRepository(Attachment).save({ ...copy, fileName: "同一文件.pdf" });
    await physician.ok(REMOVE, { id: a.id });
    expect(await stored(a.storageKey)).toBe(true);
    await physician.ok(REMOVE, { id: twin.id });
    expect(await stored(a.storageKey)).toBe(false);
  });

  it("a refused removal keeps both the row and its file", async () => {
    const a = await uploadPdf(physician);
    const other = await placeApplication(app, world, ApplicationStatus.AWAITING_REGISTRATION);
    const stranger = await physicianClient(app, other.physician);
    expect((await stranger.fails(REMOVE, { id: a.id })).extensions?.code).toBe("NOT_FOUND");
    expect(await stored(a.storageKey)).toBe(true);
    expect(await app.deps.ds.getRepository(Attachment).existsBy({ id: a.id })).toBe(true);
  });
});

describe("upload sniffing checks the structure the type promises", () => {
  const send = (name: string, content: Buffer) =>
    physician.upload(UPLOAD, { purpose: "MATERIAL", file: null }, { file: { name, content } });
  const refusedAsFormat = (res: { errors?: { message: string; extensions?: { code?: string } }[] }) =>
    expect(res.errors?.[0]).toMatchObject({
      message: expect.stringMatching(/不是允许的格式，仅支持 PDF、JPEG 图片、PNG 图片$/),
      extensions: { code: "BAD_USER_INPUT" },
    });

  it("accepts real PDF, PNG and JPEG files", async () => {
    for (const [name, content] of [
      ["a.pdf", samplePdf()],
      ["b.png", samplePng()],
      ["c.jpg", sampleJpeg()],
    ] as const) {
      const res = await send(name, content);
      expect(res.errors).toBeUndefined();
    }
  });

  it("refuses a file that only starts like its type: %PDF-<html>, a PNG with a broken chunk, a JPEG without a scan", async () => {
    const before = await attachments();
    refusedAsFormat(await send("x.pdf", Buffer.from("%PDF-<html><script>alert(1)</script></html>")));
    refusedAsFormat(await send("y.pdf", Buffer.from("%PDF-1.4\n<html><body>no objects, no trailer</body></html>")));
    const png = samplePng();
    const corrupt = Buffer.from(png);
    corrupt[40] ^= 0xff; // inside IDAT: its CRC no longer matches
    refusedAsFormat(await send("z.png", corrupt));
    refusedAsFormat(await send("cut.png", png.subarray(0, png.length - 12))); // no IEND
    refusedAsFormat(await send("w.jpg", Buffer.concat([Buffer.from([0xff, 0xd8, 0xff, 0xe0]), Buffer.from("<html>")])));
    const jpeg = sampleJpeg();
    refusedAsFormat(await send("cut.jpg", jpeg.subarray(0, jpeg.length - 2))); // no EOI
    expect(await attachments()).toBe(before);
  });
});
