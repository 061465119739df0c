import { SelectQueryBuilder } from "typeorm";
import { Application } from "../application.entity";
import { ApplicationStatus } from "../workflow";
import { ShapedQuery } from "../../db/shaped-query";
import { Institution } from "../../institutions/institution.entity";
import { placeApplication } from "../../testing/workflow";
import { startTestApp, type TestApp } from "../../testing/test-app";
import { buildWorld, signIn, type World } from "../../testing/world";
import type { GqlClient } from "../../testing/gql-client";

/**
 * Issue 15, lever "SQL built once per filter shape": the list's statements are built by the query builder the first
 * time a shape (which filters, whose scope, which sort) is seen; later requests of that shape only bind values.
 */
const LIST = `query($filter: ApplicationFilter, $sort: ApplicationSort, $page: Int, $pageSize: Int) {
  applications(filter: $filter, sort: $sort, page: $page, pageSize: $pageSize) { total items { id status } } }`;

let app: TestApp;
let world: World;
let inst: GqlClient;
let province: GqlClient;

beforeAll(async () => {
  app = await startTestApp();
  world = await buildWorld(app.deps.ds);
  inst = await signIn(app, world.users.instA);
  province = await signIn(app, world.users.province);
  for (const status of [ApplicationStatus.AWAITING_TEST, ApplicationStatus.QUALIFIED, ApplicationStatus.AWAITING_TEST])
    for (let i = 0; i < 3; i++) await placeApplication(app, world, status);
  for (let i = 0; i < 2; i++)
    await placeApplication(app, world, ApplicationStatus.AWAITING_TEST, { institution: world.instB });
});
afterAll(() => {
  jest.restoreAllMocks();
  return app.close();
});

const ids = (data: any) => data.applications.items.map((i: { id: number }) => i.id);

describe("考核进度's SQL, built once per filter shape", () => {
  it("a shape seen before costs no query building, and other values of it give their own rows", async () => {
    const built = jest.spyOn(SelectQueryBuilder.prototype, "getQuery");
    const filter = (statuses: string[]) => ({ filter: { statuses, name: "医" }, sort: "LAST_ACTION_DESC" });
    const first = await inst.ok(LIST, { ...filter(["AWAITING_TEST"]), page: 1, pageSize: 2 });
    expect(built).toHaveBeenCalled();
    built.mockClear();

    // Same shape (statuses and a name; one more status only lengthens the IN list), other values and page.
    const second = await inst.ok(LIST, { ...filter(["AWAITING_TEST", "QUALIFIED"]), page: 2, pageSize: 2 });
    const third = await inst.ok(LIST, { ...filter(["QUALIFIED"]), page: 1, pageSize: 5 });
    expect(built).not.toHaveBeenCalled();

    const all = await app.deps.ds.getRepository(Application).find({ where: { institutionId: world.instA.id } });
    const withStatus = (...s: ApplicationStatus[]) => all.filter((a) => s.includes(a.status));
    const newestFirst = (rows: Application[]) =>
      [...rows].sort((x, y) => y.lastActionAt!.getTime() - x.lastActionAt!.getTime() || y.id - x.id).map((a) => a.id);
    expect(first.applications.total).toBe(withStatus(ApplicationStatus.AWAITING_TEST).length);
    expect(ids(first)).toEqual(newestFirst(withStatus(ApplicationStatus.AWAITING_TEST)).slice(0, 2));
    const both = newestFirst(withStatus(ApplicationStatus.AWAITING_TEST, ApplicationStatus.QUALIFIED));
    expect(second.applications.total).toBe(both.length);
    expect(ids(second)).toEqual(both.slice(2, 4));
    expect(ids(third)).toEqual(newestFirst(withStatus(ApplicationStatus.QUALIFIED)));
  });

  it("an institution's status-filtered page brings its total from the counters in the page's own statement", async () => {
    const all = await app.deps.ds.getRepository(Application).find({ where: { institutionId: world.instA.id } });
    const awaiting = all.filter((a) => a.status === ApplicationStatus.AWAITING_TEST).length;
    await inst.ok(LIST, { filter: { statuses: ["AWAITING_TEST"] }, page: 1, pageSize: 2 }); // principal cached
    app.queries.clear();
    const page = await inst.ok(LIST, { filter: { statuses: ["AWAITING_TEST"] }, page: 2, pageSize: 2 });
    expect(page.applications.total).toBe(awaiting);
    expect(ids(page)).toHaveLength(2);
    expect(app.queries.statements).toEqual([expect.stringMatching(/AS page_total FROM application a/)]);
    // A page past the end has no row to carry it: the counters are read on their own, the total stays right.
    const past = await inst.ok(LIST, { filter: { statuses: ["AWAITING_TEST"] }, page: 50, pageSize: 2 });
    expect(past.applications).toMatchObject({ total: awaiting, items: [] });
    // Filters the counters do not keep (a name) are counted over the applications.
    const named = await inst.ok(LIST, { filter: { statuses: ["AWAITING_TEST"], name: "医" }, page: 1, pageSize: 2 });
    expect(named.applications.total).toBe(all.filter((a) => a.status === ApplicationStatus.AWAITING_TEST).length);
  });

  it("another caller's scope is another shape: the province sees every institution's rows, the institution its own", async () => {
    const mine = await inst.ok(LIST, { filter: { statuses: ["AWAITING_TEST"] }, pageSize: 50 });
    const all = await province.ok(LIST, { filter: { statuses: ["AWAITING_TEST"] }, pageSize: 50 });
    expect(all.applications.total).toBe(mine.applications.total + 2);
    expect(ids(all)).toEqual(expect.arrayContaining(ids(mine)));
  });

  it("binds the same SQL and values as the query builder would build for them", () => {
    const ds = app.deps.ds;
    const shaped = new ShapedQuery(ds, Application, "a")
      .andWhere("a.cycleId = :cycleId", { cycleId: 7 })
      .innerJoin(Institution, "i", "i.id = a.institutionId")
      .andWhere("a.status IN (:...fs)", { fs: ["QUALIFIED", "AWAITING_TEST"] });
    const built = ds
      .getRepository(Application)
      .createQueryBuilder("a")
      .where("a.cycleId = :cycleId", { cycleId: 7 })
      .innerJoin(Institution, "i", "i.id = a.institutionId")
      .andWhere("a.status IN (:...fs)", { fs: ["QUALIFIED", "AWAITING_TEST"] })
      .select("a.id", "id")
      .orderBy("a.id", "ASC");
    expect(shaped.statement("test", (b) => b.select("a.id", "id").orderBy("a.id", "ASC"))).toEqual(
      built.getQueryAndParameters(),
    );
  });
});
