import { Application } from "../../assessment/application.entity";
import { ApplicationEvent } from "../../assessment/application-event.entity";
import { ApplicationStatus, ReturnSection, RETURN_SECTION_LABEL } from "../../assessment/workflow";
import type { GqlClient } from "../../testing/gql-client";
import { startTestApp, type TestApp } from "../../testing/test-app";
import { physicianClient, placeApplication } from "../../testing/workflow";
import { buildWorld, signIn, type World } from "../../testing/world";

/** A return to the physician names the 报名 sections it concerns; the portal shows the reason beside them. */
const REJECT = `mutation($id: Int!, $reason: String!, $sections: [ReturnSection!]) {
  rejectApplication(id: $id, reason: $reason, sections: $sections) { status } }`;
const ADMIN_RETURN = `mutation($id: Int!, $reason: String!, $sections: [ReturnSection!]) {
  returnApplication(id: $id, reason: $reason, sections: $sections) { status } }`;
const HOME = `{ portalHome { latestReturn { reason byLabel sections sectionLabels }
  application { id timeline { action reason sections sectionLabels } } } }`;
const MESSAGES = `{ myMessages { items { title body } } }`;
const WORKFLOW = `{ workflow { returnSections { value label } } }`;

let app: TestApp;
let world: World;
let inst: GqlClient;
let city: GqlClient;

beforeAll(async () => {
  app = await startTestApp();
  world = await buildWorld(app.deps.ds);
  inst = await signIn(app, world.users.instA);
  city = await signIn(app, world.users.nanning);
});
afterAll(() => app.close());

const eventsOf = (applicationId: number) =>
  app.deps.ds.getRepository(ApplicationEvent).find({ where: { applicationId }, order: { id: "ASC" } });

test("the workflow publishes the sections a return may name, in form order, with their labels", async () => {
  const { workflow } = await inst.ok(WORKFLOW);
  expect(workflow.returnSections).toEqual(
    Object.values(ReturnSection).map((value) => ({ value, label: RETURN_SECTION_LABEL[value] })),
  );
  expect(workflow.returnSections.map((s: { label: string }) => s.label)).toEqual(
    expect.arrayContaining(["个人述职报告", "申请材料", "工作数量"]),
  );
});

test("the institution's 驳回 names sections: stored on the event, shown on the portal, in the message", async () => {
  const { physician, application } = await placeApplication(app, world, ApplicationStatus.AWAITING_INSTITUTION_REVIEW);
  const doctor = await physicianClient(app, physician);
  // Given out of order and twice: stored once each, in form order.
  const sections = ["MATERIALS", "REPORT", "MATERIALS"];
  await inst.ok(REJECT, { id: application.id, reason: "述职报告过于简略，缺少执业证书复印件", sections });

  const home = (await doctor.ok(HOME)).portalHome;
  expect(home.latestReturn).toMatchObject({
    reason: "述职报告过于简略，缺少执业证书复印件",
    sections: ["REPORT", "MATERIALS"],
    sectionLabels: ["个人述职报告", "申请材料"],
  });
  expect(home.application.timeline.at(-1)).toMatchObject({
    action: "REJECT",
    sections: ["REPORT", "MATERIALS"],
    sectionLabels: ["个人述职报告", "申请材料"],
  });
  expect((await eventsOf(application.id)).at(-1)?.sections).toBe("REPORT,MATERIALS");
  const { myMessages } = await doctor.ok(MESSAGES);
  expect(myMessages.items[0].body).toContain("需修改：个人述职报告、申请材料");
});

test("a 驳回 without sections still works and names none", async () => {
  const { physician, application } = await placeApplication(app, world, ApplicationStatus.AWAITING_INSTITUTION_REVIEW);
  await inst.ok(REJECT, { id: application.id, reason: "请核对执业经历" });
  const home = (await (await physicianClient(app, physician)).ok(HOME)).portalHome;
  expect(home.latestReturn).toMatchObject({ reason: "请核对执业经历", sections: [], sectionLabels: [] });
  expect((await eventsOf(application.id)).at(-1)?.sections).toBeNull();
});

test("an unknown section is a coded refusal that changes nothing", async () => {
  const { application } = await placeApplication(app, world, ApplicationStatus.AWAITING_INSTITUTION_REVIEW);
  const before = await eventsOf(application.id);
  const res = await inst.request(REJECT, { id: application.id, reason: "材料不全", sections: ["REPORT", "SALARY"] });
  expect(res.errors?.[0].extensions?.code).toBe("BAD_USER_INPUT");
  expect(res.errors?.[0].message).toMatch(/^输入的取值无效：.*SALARY/);
  const after = await app.deps.ds.getRepository(Application).findOneByOrFail({ id: application.id });
  expect(after.status).toBe(ApplicationStatus.AWAITING_INSTITUTION_REVIEW);
  expect(await eventsOf(application.id)).toHaveLength(before.length);
});

test("the administration's return names sections too, and the portal shows the latest return's", async () => {
  const { physician, application } = await placeApplication(app, world, ApplicationStatus.AWAITING_TEST);
  await city.ok(ADMIN_RETURN, { id: application.id, reason: "工作数量与科室不符", sections: ["WORK_QUANTITY"] });
  const home = (await (await physicianClient(app, physician)).ok(HOME)).portalHome;
  expect(home.latestReturn).toMatchObject({
    reason: "工作数量与科室不符",
    byLabel: expect.stringContaining("卫生行政部门"),
    sections: ["WORK_QUANTITY"],
    sectionLabels: ["工作数量"],
  });
});

test("another institution cannot return the application, with or without sections", async () => {
  const { application } = await placeApplication(app, world, ApplicationStatus.AWAITING_INSTITUTION_REVIEW);
  const other = await signIn(app, world.users.instB);
  const res = await other.request(REJECT, { id: application.id, reason: "越权", sections: ["REPORT"] });
  expect(res.errors?.[0].extensions?.code).toBe("NOT_FOUND");
  expect((await eventsOf(application.id)).at(-1)?.action).not.toBe("REJECT");
});
