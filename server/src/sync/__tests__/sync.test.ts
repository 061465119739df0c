import { Application } from "../../assessment/application.entity";
import { ApplicationStatus } from "../../assessment/workflow";
import { createTestApiClient } from "../../testing/api-clients";
import { placeApplication } from "../../testing/workflow";
import { startTestApp, type TestApp } from "../../testing/test-app";
import { buildWorld, type World } from "../../testing/world";
import type { GqlClient } from "../../testing/gql-client";

const FEED = `query($since: DateTimeISO, $after: String, $first: Int) {
  changedApplications(since: $since, after: $after, first: $first) { nodes { id status updatedAt } pageInfo { hasNextPage endCursor } watermark }
}`;

let app: TestApp;
let world: World;
let client: GqlClient;
const LAG = 300;

beforeAll(async () => {
  app = await startTestApp({ syncLagMs: LAG });
  world = await buildWorld(app.deps.ds);
  client = app.client();
  client.bearer = (await createTestApiClient(app.deps.ds, "450000")).token;
});
afterAll(() => app.close());

const wait = (ms: number) => new Promise((r) => setTimeout(r, ms));
const touch = (id: number) =>
  app.deps.ds.getRepository(Application).update({ id }, { updatedAt: new Date(), lastAction: "变更" });

/** Pages through the feed once, running `between` after each page (rows keep changing meanwhile). */
async function traverse(since: string | null, between: (page: number) => Promise<void>) {
  const seen: number[] = [];
  let after: string | null = null;
  let watermark: string;
  for (let page = 0; ; page++) {
    const {
      changedApplications: r,
    }: {
      changedApplications: {
        nodes: { id: number }[];
        pageInfo: { hasNextPage: boolean; endCursor: string };
        watermark: string;
      };
    } = await client.ok(FEED, { since, after, first: 7 });
    seen.push(...r.nodes.map((n: { id: number }) => n.id));
    watermark = r.watermark;
    if (!r.pageInfo.hasNextPage) break;
    after = r.pageInfo.endCursor;
    await between(page);
  }
  return { seen, watermark };
}

describe("cursor sync (change feeds)", () => {
  it("misses nothing and duplicates nothing while rows change during the traversal", async () => {
    const placed: number[] = [];
    for (let i = 0; i < 40; i++)
      placed.push(
        (
          await placeApplication(app, world, ApplicationStatus.NOT_ENROLLED, {
            institution: i % 2 ? world.instA : world.instC,
          })
        ).application.id,
      );
    await wait(LAG + 50);

    const changedDuring = new Set<number>();
    const first = await traverse(null, async (page) => {
      // change rows already returned and rows not yet returned
      for (const id of [placed[page], placed[39 - page]]) {
        await touch(id);
        changedDuring.add(id);
      }
    });
    expect(new Set(first.seen).size).toBe(first.seen.length); // no duplicates within a traversal
    const all = await app.deps.ds.getRepository(Application).find({ select: { id: true } });
    const untouched = all.map((a) => a.id).filter((id) => !changedDuring.has(id));
    for (const id of untouched) expect(first.seen).toContain(id); // nothing stable is missed

    await wait(LAG + 50);
    const second = await traverse(first.watermark, async () => undefined);
    expect(new Set(second.seen).size).toBe(second.seen.length);
    for (const id of changedDuring) expect(second.seen).toContain(id); // every row changed meanwhile arrives next time
    expect(new Set([...first.seen, ...second.seen])).toEqual(new Set(all.map((a) => a.id)));

    await wait(LAG + 50);
    expect((await traverse(second.watermark, async () => undefined)).seen).toEqual([]); // and nothing more
  });

  it("refuses a forged cursor and a page size over 500", async () => {
    expect((await client.fails(FEED, { after: "bm90LWEtY3Vyc29y" })).message).toBe("游标无效，请从第一页重新同步");
    expect((await client.fails(FEED, { first: 501 })).message).toBe("每页条数不能超过 500");
  });

  it("physician and certificate feeds follow the same rules", async () => {
    const physicians = await client.ok(
      `{ changedPhysicians(first: 5) { nodes { id idNumber idNumberMasked deleted } pageInfo { hasNextPage } } }`,
    );
    expect(physicians.changedPhysicians.nodes).toHaveLength(5);
    expect(physicians.changedPhysicians.nodes[0].idNumber).toMatch(/^\d{17}[\dX]$/);
    const certificates = await client.ok(`{ changedCertificates(first: 5) { nodes { number revoked } watermark } }`);
    expect(certificates.changedCertificates.nodes).toEqual([]);
  });
});
