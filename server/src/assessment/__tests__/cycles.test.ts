import { Application } from "../application.entity";
import { AssessmentCycle } from "../cycle.entity";
import { StatusCounter } from "../status-counter.entity";
import { addPhysicians } from "../../testing/physicians";
import { startTestApp, type TestApp } from "../../testing/test-app";
import { buildWorld, signIn, type World } from "../../testing/world";

const CREATE = `mutation($input: CycleInput!) { createAssessmentCycle(input: $input) { id name isCurrent phases { key startDate endDate } requiredTests { procedure tests exemptable } simpleProcedureRule { minYearsWithGoodRecord } } }`;
const UPDATE = `mutation($id: Int!, $input: CycleInput!) { updateAssessmentCycle(id: $id, input: $input) { id phases { key endDate } simpleProcedureRule { minYearsWithGoodRecord minYearsWithoutBadRecord } } }`;
const phases = [
  { key: "REGISTRATION", name: "医师报名", startDate: "2027-01-01", endDate: "2027-06-30" },
  { key: "TEST", name: "在线测评", startDate: "2027-07-01", endDate: "2029-06-30" },
];
const input = {
  name: "2027—2029 年度医师定期考核",
  startDate: "2027-01-01",
  endDate: "2029-12-31",
  phases,
  notice: "新周期开始",
};

let app: TestApp;
let world: World;
beforeAll(async () => {
  app = await startTestApp();
  world = await buildWorld(app.deps.ds);
  await addPhysicians(app.deps.ds, world.instA, 4);
  await addPhysicians(app.deps.ds, world.instC, 3);
});
afterAll(() => app.close());

describe("考核周期 (set by the province)", () => {
  it("a new current cycle replaces the old one and puts every rostered physician in 未确认参加", async () => {
    const province = await signIn(app, world.users.province);
    const { createAssessmentCycle: cycle } = await province.ok(CREATE, { input });
    expect(cycle).toMatchObject({
      isCurrent: true,
      requiredTests: [
        { procedure: "SIMPLE", tests: ["HUMANITIES"], exemptable: "HUMANITIES" },
        { procedure: "GENERAL", tests: ["PROFESSIONAL", "HUMANITIES"], exemptable: "PROFESSIONAL" },
      ],
    });
    expect((await app.deps.ds.getRepository(AssessmentCycle).findOneByOrFail({ id: world.cycle.id })).isCurrent).toBe(
      false,
    );
    expect(
      await app.deps.ds.getRepository(Application).countBy({ cycleId: cycle.id, status: "NOT_ENROLLED" as never }),
    ).toBe(7);
    const counters = await app.deps.ds.getRepository(StatusCounter).findBy({ cycleId: cycle.id });
    expect(counters.map((c) => [c.institutionId, c.count]).sort()).toEqual(
      [
        [world.instA.id, 4],
        [world.instC.id, 3],
      ].sort(),
    );
    const inst = await signIn(app, world.users.instA);
    expect((await inst.ok(`{ institutionHome { cycle { id name } noticeConfirmed } }`)).institutionHome).toMatchObject({
      cycle: { id: cycle.id },
      noticeConfirmed: false,
    });
  });

  it("changes phases and rules; refuses bad dates and keys; only the province may", async () => {
    const province = await signIn(app, world.users.province);
    const id = (await province.ok(`{ currentCycle { id } }`)).currentCycle.id;
    const { updateAssessmentCycle } = await province.ok(UPDATE, {
      id,
      input: { simpleProcedureRule: { minYearsWithGoodRecord: 6, minYearsWithoutBadRecord: 15 } },
    });
    expect(updateAssessmentCycle.simpleProcedureRule).toEqual({
      minYearsWithGoodRecord: 6,
      minYearsWithoutBadRecord: 15,
    });
    expect((await province.fails(UPDATE, { id, input: { endDate: "2026-01-01" } })).message).toBe(
      "周期结束日期须晚于开始日期",
    );
    expect(
      (await province.fails(UPDATE, { id, input: { phases: [{ ...phases[0], key: "PARTY" }] } })).message,
    ).toContain("阶段代码“PARTY”无效");
    const city = await signIn(app, world.users.nanning);
    expect((await city.fails(UPDATE, { id, input: { notice: "x" } })).extensions?.code).toBe("FORBIDDEN");
    expect((await province.fails(CREATE, { input: { name: "缺项" } })).extensions?.code).toBe("BAD_USER_INPUT");
  });
});
