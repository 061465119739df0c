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

  it("a new cycle's form errors come back all at once, each under its field; a city or county is refused", async () => {
    const province = await signIn(app, world.users.province);
    const before = await app.deps.ds.getRepository(AssessmentCycle).count();
    const bad = await province.fails(CREATE, {
      input: {
        name: " ",
        startDate: "2030-01-01",
        endDate: "2029-12-31",
        phases: [
          { key: "REGISTRATION", name: "医师报名", startDate: "2030-03-01", endDate: "2030-02-01" },
          { key: "TEST", name: "在线测评", startDate: "2029-01-01", endDate: "2029-06-30" },
        ],
        requiredTests: [{ procedure: "SIMPLE", tests: ["HUMANITIES"], exemptable: "PROFESSIONAL" }],
        notice: "",
      },
    });
    expect(bad.extensions?.code).toBe("BAD_USER_INPUT");
    expect(bad.message).toBe("请填写周期名称");
    expect(bad.extensions?.fields).toEqual([
      { field: "name", message: "请填写周期名称" },
      { field: "endDate", message: "周期结束日期须晚于开始日期" },
      { field: "phases.REGISTRATION", message: "阶段“医师报名”的日期无效" },
      { field: "requiredTests", message: "可免考的测评须是该程序要求的测评之一" },
      { field: "notice", message: "请填写考核周期告知内容" },
    ]);
    // Phases outside the cycle's own dates, once the dates themselves are right.
    const outside = await province.fails(CREATE, {
      input: { ...input, name: "2030—2032 年度", startDate: "2030-01-01", endDate: "2032-12-31" },
    });
    expect(outside.extensions?.fields).toEqual([
      { field: "phases.REGISTRATION", message: "阶段“医师报名”须在周期起止日期（2030-01-01 至 2032-12-31）之内" },
      { field: "phases.TEST", message: "阶段“在线测评”须在周期起止日期（2030-01-01 至 2032-12-31）之内" },
    ]);
    // The name of an existing cycle of the province.
    const same = await province.fails(CREATE, { input });
    expect({ code: same.extensions?.code, field: same.extensions?.field, message: same.message }).toEqual({
      code: "CONFLICT",
      field: "name",
      message: "本省已有同名的考核周期",
    });
    for (const user of [world.users.nanning, world.users.qingxiu]) {
      const refused = await (await signIn(app, user)).fails(CREATE, { input: { ...input, name: "城市自设周期" } });
      expect(refused.extensions?.code).toBe("FORBIDDEN");
    }
    expect(await app.deps.ds.getRepository(AssessmentCycle).count()).toBe(before);
  });

  it("a cycle created for later leaves the current one current", async () => {
    const province = await signIn(app, world.users.province);
    const current = (await province.ok(`{ currentCycle { id } }`)).currentCycle.id;
    const later = await province.ok(
      `mutation($input: CycleInput!) { createAssessmentCycle(input: $input, makeCurrent: false) { id isCurrent simpleProcedureRule { minYearsWithGoodRecord minYearsWithoutBadRecord } } }`,
      {
        input: {
          ...input,
          name: "2030—2032 年度医师定期考核",
          startDate: "2030-01-01",
          endDate: "2032-12-31",
          phases: [{ key: "REGISTRATION", name: "医师报名", startDate: "2030-01-01", endDate: "2030-06-30" }],
          simpleProcedureRule: { minYearsWithGoodRecord: 4, minYearsWithoutBadRecord: 10 },
        },
      },
    );
    expect(later.createAssessmentCycle).toMatchObject({
      isCurrent: false,
      simpleProcedureRule: { minYearsWithGoodRecord: 4, minYearsWithoutBadRecord: 10 },
    });
    expect((await province.ok(`{ currentCycle { id } }`)).currentCycle.id).toBe(current);
    expect(await app.deps.ds.getRepository(Application).countBy({ cycleId: later.createAssessmentCycle.id })).toBe(0);
  });
});
