import { AuditLog } from "../../audit/audit-log.entity";
import { Department } from "../department.entity";
import { Physician, Gender, PhysicianLevel } from "../../physicians/physician.entity";
import { startTestApp, type TestApp } from "../../testing/test-app";
import { buildWorld, signIn, type World } from "../../testing/world";
import type { GqlClient } from "../../testing/gql-client";

const CREATE = `mutation($input: DepartmentInput!) { createDepartment(input: $input) { id name enabled subjectCodes subjects { code name } physicianCount } }`;
const UPDATE = `mutation($id: Int!, $input: DepartmentInput!) { updateDepartment(id: $id, input: $input) { id name subjectCodes } }`;
const ENABLE = `mutation($id: Int!, $enabled: Boolean!) { setDepartmentEnabled(id: $id, enabled: $enabled) { id enabled } }`;
const DELETE = `mutation($id: Int!) { deleteDepartment(id: $id) }`;
const LIST = `query($filter: DepartmentFilter, $page: Int, $pageSize: Int) { departments(filter: $filter, page: $page, pageSize: $pageSize) { total page pageSize items { id name enabled physicianCount } } }`;

let app: TestApp;
let world: World;
let instA: GqlClient;
let instB: GqlClient;

beforeAll(async () => {
  app = await startTestApp();
  world = await buildWorld(app.deps.ds);
  instA = await signIn(app, world.users.instA);
  instB = await signIn(app, world.users.instB);
});
afterAll(() => app.close());

const deptCount = () => app.deps.ds.getRepository(Department).count();

describe("科室信息维护 (manual 2.2.3)", () => {
  it("creates a department linked to catalog subjects, with full names", async () => {
    const { createDepartment } = await instA.ok(CREATE, {
      input: { name: " 普通外科 ", subjectCodes: ["04.01", "04.01.01"] },
    });
    expect(createDepartment).toMatchObject({
      name: "普通外科",
      enabled: true,
      subjectCodes: ["04.01", "04.01.01"],
      physicianCount: 0,
    });
    expect(createDepartment.subjects).toEqual([
      { code: "04.01", name: "外科 / 普通外科专业" },
      { code: "04.01.01", name: "外科 / 普通外科专业 / 肝脏移植项目" },
    ]);
  });

  it("refuses a duplicate name within the institution but allows it in another", async () => {
    const before = await deptCount();
    const err = await instA.fails(CREATE, { input: { name: "普通外科", subjectCodes: ["04"] } });
    expect(err.extensions?.code).toBe("CONFLICT");
    expect(err.message).toBe("科室名称“普通外科”已存在");
    expect(await deptCount()).toBe(before);
    await instB.ok(CREATE, { input: { name: "普通外科", subjectCodes: ["04"] } });
  });

  it.each([
    [{ name: "", subjectCodes: ["03"] }, "请填写科室名称"],
    [{ name: "   ", subjectCodes: ["03"] }, "请填写科室名称"],
    [{ name: "内科", subjectCodes: [] }, "请至少选择一个诊疗科目"],
    [{ name: "内科", subjectCodes: ["03", "99.99"] }, "诊疗科目代码不存在：99.99"],
    [{ name: "名".repeat(65), subjectCodes: ["03"] }, "科室名称不能超过64个字"],
  ])("refuses bad input %j and creates nothing", async (input, message) => {
    const before = await deptCount();
    const err = await instA.fails(CREATE, { input });
    expect(err.extensions?.code).toBe("BAD_USER_INPUT");
    expect(err.message).toBe(message);
    expect(await deptCount()).toBe(before);
  });

  it("edits name and subjects; renaming onto another department's name is refused", async () => {
    const a = (await instA.ok(CREATE, { input: { name: "内科", subjectCodes: ["03"] } })).createDepartment;
    const { updateDepartment } = await instA.ok(UPDATE, {
      id: a.id,
      input: { name: "心血管内科", subjectCodes: ["03.04"] },
    });
    expect(updateDepartment).toEqual({ id: a.id, name: "心血管内科", subjectCodes: ["03.04"] });
    const err = await instA.fails(UPDATE, { id: a.id, input: { name: "普通外科", subjectCodes: ["03"] } });
    expect(err.extensions?.code).toBe("CONFLICT");
  });

  it("disables and enables; disabled departments are not offered to choose", async () => {
    const d = (await instA.ok(CREATE, { input: { name: "旧科室", subjectCodes: ["02"] } })).createDepartment;
    expect((await instA.ok(ENABLE, { id: d.id, enabled: false })).setDepartmentEnabled.enabled).toBe(false);
    const options = (await instA.ok(`{ departmentOptions { id name } }`)).departmentOptions.map(
      (o: { name: string }) => o.name,
    );
    expect(options).not.toContain("旧科室");
    expect(options).toContain("普通外科");
    const disabled = await instA.ok(LIST, { filter: { enabled: false } });
    expect(disabled.departments.items.map((i: { name: string }) => i.name)).toEqual(["旧科室"]);
    expect((await instA.ok(ENABLE, { id: d.id, enabled: true })).setDepartmentEnabled.enabled).toBe(true);
    expect(await app.deps.ds.getRepository(AuditLog).countBy({ action: "department.disable", targetId: d.id })).toBe(1);
  });

  it("refuses to delete a department with physicians, telling to disable it; deletes an empty one", async () => {
    const d = (await instA.ok(CREATE, { input: { name: "骨科", subjectCodes: ["04.03"] } })).createDepartment;
    const now = new Date();
    await app.deps.ds.getRepository(Physician).save({
      name: "张医生",
      gender: Gender.MALE,
      birthDate: "1980-01-01",
      idNumber: "450102198001011236",
      categoryCode: "1",
      scopeCodes: ["12"],
      level: PhysicianLevel.PHYSICIAN,
      institutionId: world.instA.id,
      departmentId: d.id,
      otherPracticeSites: [],
      createdAt: now,
      updatedAt: now,
    });
    const listed = (await instA.ok(LIST, { filter: { name: "骨" } })).departments.items[0];
    expect(listed.physicianCount).toBe(1);
    const err = await instA.fails(DELETE, { id: d.id });
    expect(err.extensions?.code).toBe("CONFLICT");
    expect(err.message).toContain("可先停用该科室");
    expect(await app.deps.ds.getRepository(Department).findOneBy({ id: d.id })).not.toBeNull();

    const empty = (await instA.ok(CREATE, { input: { name: "错误科室", subjectCodes: ["01"] } })).createDepartment;
    expect((await instA.ok(DELETE, { id: empty.id })).deleteDepartment).toBe(true);
    expect(await app.deps.ds.getRepository(Department).findOneBy({ id: empty.id })).toBeNull();
    expect(await app.deps.ds.getRepository(AuditLog).countBy({ action: "department.delete", targetId: empty.id })).toBe(
      1,
    );
  });

  it("pages the list", async () => {
    const page = await instA.ok(LIST, { page: 2, pageSize: 2 });
    expect(page.departments.page).toBe(2);
    expect(page.departments.items).toHaveLength(2);
    expect(page.departments.total).toBeGreaterThanOrEqual(4);
    const err = await instA.fails(LIST, { pageSize: 1000 });
    expect(err.message).toBe("每页条数不能超过 100");
  });

  it("never shows or changes another institution's departments", async () => {
    const mine = (await instA.ok(LIST, {})).departments.items;
    const target = mine[0];
    const names = (await instB.ok(LIST, {})).departments.items.map((i: { id: number }) => i.id);
    expect(names).not.toContain(target.id);
    for (const [query, vars] of [
      [UPDATE, { id: target.id, input: { name: "偷改", subjectCodes: ["03"] } }],
      [ENABLE, { id: target.id, enabled: false }],
      [DELETE, { id: target.id }],
    ] as const) {
      expect((await instB.fails(query, vars)).extensions?.code).toBe("NOT_FOUND");
    }
    const after = await app.deps.ds.getRepository(Department).findOneByOrFail({ id: target.id });
    expect(after).toMatchObject({ name: target.name, enabled: target.enabled });
  });

  it("is refused to other roles", async () => {
    const admin = await signIn(app, world.users.province);
    expect((await admin.fails(CREATE, { input: { name: "x", subjectCodes: ["03"] } })).extensions?.code).toBe(
      "FORBIDDEN",
    );
    expect((await app.client().fails(LIST, {})).extensions?.code).toBe("UNAUTHENTICATED");
  });
});
