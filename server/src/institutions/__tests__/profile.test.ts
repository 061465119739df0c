import { AuditLog } from "../../audit/audit-log.entity";
import { withCreditCheck } from "../../common/credit-code";
import { Institution } from "../institution.entity";
import { startTestApp, type TestApp } from "../../testing/test-app";
import { buildWorld, signIn, type World } from "../../testing/world";

const UPDATE = `mutation($input: InstitutionProfileInput!) {
  updateMyInstitution(input: $input) { name creditCode cityCode countyCode regionName levelName natureName profileCompletedAt }
}`;

const validProfile = () => ({
  name: "甲医院（新）",
  creditCode: withCreditCheck("12450100MB0000777"),
  licenseNo: "PDY12345645010211A1001",
  type: "综合医院",
  levelCode: "22",
  natureCode: "1",
  address: "南宁市青秀区民族大道 1 号",
  legalRepresentative: "王院长",
  contactPerson: "李干事",
  contactPhone: "0771-5888888",
  bedCount: 500,
});

let app: TestApp;
let world: World;
beforeAll(async () => {
  app = await startTestApp();
  world = await buildWorld(app.deps.ds);
});
afterAll(() => app.close());

describe("本机构信息 (manual 2.2.2)", () => {
  it("reads its own profile with names resolved", async () => {
    const inst = await signIn(app, world.users.instA);
    const { myInstitution } = await inst.ok(
      `{ myInstitution { name regionName superiorAdministration { name } assessmentInstitution { name contactPhone } } }`,
    );
    expect(myInstitution).toEqual({
      name: "甲医院",
      regionName: "广西壮族自治区 南宁市 兴宁区",
      superiorAdministration: { name: "南宁市卫健委" },
      assessmentInstitution: { name: "考核机构甲", contactPhone: "0771-1234567" },
    });
  });

  it("saves a complete profile, keeps the region the administration set and audits it", async () => {
    const inst = await signIn(app, world.users.instA);
    const { updateMyInstitution } = await inst.ok(UPDATE, { input: validProfile() });
    expect(updateMyInstitution).toMatchObject({
      name: "甲医院（新）",
      cityCode: "450100",
      countyCode: "450102",
      levelName: "二级甲等",
      natureName: "非营利性",
    });
    expect(updateMyInstitution.profileCompletedAt).toBeTruthy();
    expect(
      await app.deps.ds
        .getRepository(AuditLog)
        .countBy({ action: "institution.profile.update", targetId: world.instA.id }),
    ).toBe(1);
  });

  const cases: [string, Partial<ReturnType<typeof validProfile>>, string, string][] = [
    ["missing name", { name: "" }, "请填写机构名称", "name"],
    ["bad credit-code check character", { creditCode: "12450100MB00007770" }, "统一社会信用代码", "creditCode"],
    [
      "credit code with a forbidden letter",
      { creditCode: "12450100MB000077I1" },
      "统一社会信用代码只能包含",
      "creditCode",
    ],
    ["unknown institution type", { type: "宇宙医院" }, "机构类别不在目录中", "type"],
    ["unknown level", { levelCode: "77" }, "机构级别不在目录中", "levelCode"],
    ["malformed phone", { contactPhone: "12345" }, "联系电话格式不正确", "contactPhone"],
    ["negative beds", { bedCount: -1 }, "床位数不能为负数", "bedCount"],
    ["missing contact person", { contactPerson: "" }, "请填写联系人", "contactPerson"],
  ];
  it.each(cases)("refuses %s with BAD_USER_INPUT and changes nothing", async (_name, patch, message, field) => {
    const inst = await signIn(app, world.users.instB);
    const before = await app.deps.ds.getRepository(Institution).findOneByOrFail({ id: world.instB.id });
    const err = await inst.fails(UPDATE, {
      input: { ...validProfile(), creditCode: withCreditCheck("12450100MB0000888"), ...patch },
    });
    expect(err.extensions?.code).toBe("BAD_USER_INPUT");
    expect(err.message).toContain(message);
    const fields = (err.extensions?.fields as { field: string }[] | undefined)?.map((f) => f.field) ?? [
      err.extensions?.field,
    ];
    expect(fields).toContain(field);
    expect(await app.deps.ds.getRepository(Institution).findOneByOrFail({ id: world.instB.id })).toEqual(before);
  });

  it("refuses a credit code that belongs to another institution", async () => {
    const inst = await signIn(app, world.users.instB);
    const err = await inst.fails(UPDATE, { input: { ...validProfile(), creditCode: world.instC.creditCode } });
    expect(err.message).toBe("该统一社会信用代码已被其他机构使用");
  });

  it("a profile field missing from the request is a GraphQL validation error", async () => {
    const inst = await signIn(app, world.users.instB);
    const { name: _dropped, ...rest } = validProfile();
    const res = await inst.request(UPDATE, { input: rest });
    expect(res.errors?.[0].extensions?.code).toBe("BAD_USER_INPUT");
  });
});

describe("who sees which institution", () => {
  const QUERY = `query($id: Int!) { institution(id: $id) { id name } }`;
  it("an institution cannot read another institution", async () => {
    const inst = await signIn(app, world.users.instB);
    const err = await inst.fails(QUERY, { id: world.instC.id });
    expect(err.extensions?.code).toBe("NOT_FOUND");
    expect((await inst.ok(QUERY, { id: world.instB.id })).institution.name).toBe("乙医院");
  });
  it("an assessment institution sees the institutions assigned to it only", async () => {
    const ai = await signIn(app, world.users.aiA);
    expect((await ai.ok(QUERY, { id: world.instB.id })).institution.id).toBe(world.instB.id);
    expect((await ai.fails(QUERY, { id: world.instC.id })).extensions?.code).toBe("NOT_FOUND");
  });
  it("administrations list only their region", async () => {
    const LIST = `{ institutions(pageSize: 50) { total items { name } } }`;
    const city = await signIn(app, world.users.nanning);
    const names = (await city.ok(LIST)).institutions.items.map((i: { name: string }) => i.name);
    expect(names).toEqual(expect.arrayContaining(["乙医院", "考核机构甲"]));
    expect(names).not.toContain("丙医院");
    const county = await signIn(app, world.users.qingxiu);
    const countyNames = (await county.ok(LIST)).institutions.items.map((i: { name: string }) => i.name);
    expect(countyNames).not.toContain("丙医院");
    expect(countyNames).toContain("乙医院");
    const province = await signIn(app, world.users.province);
    expect((await province.ok(LIST)).institutions.total).toBe(5);
  });
  it("an institution may not list institutions at all", async () => {
    const inst = await signIn(app, world.users.instA);
    expect((await inst.fails(`{ institutions { total } }`)).extensions?.code).toBe("FORBIDDEN");
  });
  it("an institution may not edit through an administration role and vice versa", async () => {
    const admin = await signIn(app, world.users.province);
    const err = await admin.fails(UPDATE, { input: validProfile() });
    expect(err.extensions?.code).toBe("FORBIDDEN");
  });
});
