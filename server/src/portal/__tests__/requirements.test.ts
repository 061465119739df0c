import { Department } from "../../departments/department.entity";
import type { GqlClient } from "../../testing/gql-client";
import { samplePdf } from "../../testing/files";
import { addPhysicians } from "../../testing/physicians";
import { startTestApp, type TestApp } from "../../testing/test-app";
import { physicianClient } from "../../testing/workflow";
import { buildWorld, createDepartment, signIn, type World } from "../../testing/world";

const REQUIREMENTS = `query($input: ApplicationFormInput!) {
  submissionRequirements(input: $input) { required complete missing { field message } } }`;
const SUBMIT = `mutation($input: ApplicationFormInput!) { submitApplication(input: $input) { id status } }`;
const ENROLL = `mutation($id: Int!) { enrollPhysician(physicianId: $id) { id } }`;
const UPLOAD = `mutation($purpose: AttachmentPurpose!, $file: Upload!) {
  uploadApplicationAttachment(purpose: $purpose, file: $file) { id url } }`;
const REMOVE = `mutation($id: Int!) { removeApplicationAttachment(attachmentId: $id) }`;
const DETAIL = `query($id: Int!) { application(id: $id) { id attachments { id url } } }`;
const CERTIFICATE = `query($id: Int!) { certificate(applicationId: $id) { imageUrl } }`;
const MINE = `{ myApplication { id } }`;

let app: TestApp;
let world: World;
let inst: GqlClient;
let department: Department;
let disabled: Department;

beforeAll(async () => {
  app = await startTestApp();
  world = await buildWorld(app.deps.ds);
  inst = await signIn(app, world.users.instA);
  department = await createDepartment(app.deps.ds, world.instA.id, "心血管内科");
  disabled = await createDepartment(app.deps.ds, world.instA.id, "已撤销科室");
  await app.deps.ds.getRepository(Department).update({ id: disabled.id }, { enabled: false });
});
afterAll(() => app.close());

async function enrolled(firstPracticeDate?: string) {
  const [physician] = await addPhysicians(app.deps.ds, world.instA, 1, firstPracticeDate ? { firstPracticeDate } : {});
  await inst.ok(ENROLL, { id: physician.id });
  return physicianClient(app, physician);
}

const complete = {
  procedure: "GENERAL",
  departmentId: 0, // set in each case (the department is created in beforeAll)
  practiceExperience: "2008 年起在心血管内科执业",
  workPerformance: "年门诊 6000 人次",
  ethics: "无投诉",
  report: "",
  hasGoodRecord: true,
  hasBadRecord: false,
  workQuantities: [{ code: "PATIENTS", value: 2600 }],
};

describe("提交报名的要求: the portal's query and the submission are the same code", () => {
  // Each form lacks something different; the query lists it, and the submission refuses with its first item.
  const cases: [string, () => Record<string, unknown>][] = [
    ["nothing filled", () => ({ hasGoodRecord: false, hasBadRecord: false, workQuantities: [] })],
    ["general without quantities", () => ({ ...complete, departmentId: department.id, workQuantities: [] })],
    [
      "general with an item not in the cycle",
      () => ({ ...complete, departmentId: department.id, workQuantities: [{ code: "NOPE", value: 1 }] }),
    ],
    [
      "general with a repeated item",
      () => ({
        ...complete,
        departmentId: department.id,
        workQuantities: [
          { code: "PATIENTS", value: 1 },
          { code: "PATIENTS", value: 2 },
        ],
      }),
    ],
    ["a disabled department", () => ({ ...complete, departmentId: disabled.id })],
    ["another institution's department", () => ({ ...complete, departmentId: 987654 })],
    ["texts of blanks only", () => ({ ...complete, departmentId: department.id, ethics: "   " })],
    ["simple without report or materials", () => ({ ...complete, procedure: "SIMPLE", departmentId: department.id })],
  ];

  test.each(cases)("%s: listed by the query, refused by the submission with the first", async (_, form) => {
    const doctor = await enrolled();
    const input = form();
    const { submissionRequirements: r } = await doctor.ok(REQUIREMENTS, { input });
    expect(r.complete).toBe(false);
    expect(r.missing.length).toBeGreaterThan(0);
    const refused = await doctor.fails(SUBMIT, { input });
    expect(refused.extensions?.code).toBe("BAD_USER_INPUT");
    expect(refused.message).toBe(r.missing[0].message);
    expect(refused.extensions?.field).toBe(r.missing[0].field);
    for (const m of r.missing) expect(m.message).toMatch(/[\u4e00-\u9fa5]/);
  });

  test("nothing filled lists every required item at once, in the order the form asks", async () => {
    const doctor = await enrolled();
    const { submissionRequirements: r } = await doctor.ok(REQUIREMENTS, {
      input: { hasGoodRecord: false, hasBadRecord: false, workQuantities: [] },
    });
    expect(r.missing.map((m: { field: string }) => m.field)).toEqual([
      "procedure",
      "departmentId",
      "practiceExperience",
      "workPerformance",
      "ethics",
    ]);
    expect(r.required).toEqual(["procedure", "departmentId", "practiceExperience", "workPerformance", "ethics"]);
  });

  test("the procedure decides what else is required: simple asks 述职报告 and 材料, general 工作数量", async () => {
    const doctor = await enrolled();
    const simple = { ...complete, procedure: "SIMPLE", departmentId: department.id, workQuantities: [] };
    let r = (await doctor.ok(REQUIREMENTS, { input: simple })).submissionRequirements;
    expect(r.required).toEqual(expect.arrayContaining(["report", "attachments"]));
    expect(r.required).not.toContain("workQuantities");
    expect(r.missing.map((m: { field: string }) => m.field)).toEqual(["report", "attachments"]);

    // The material counts once uploaded: only the report is left; with it, complete and the submission passes.
    await doctor.upload(
      UPLOAD,
      { purpose: "MATERIAL", file: null },
      { file: { name: "材料.pdf", content: samplePdf() } },
    );
    r = (await doctor.ok(REQUIREMENTS, { input: simple })).submissionRequirements;
    expect(r.missing).toEqual([{ field: "report", message: "简易程序须填写个人述职报告" }]);
    const withReport = { ...simple, report: "本周期述职" };
    r = (await doctor.ok(REQUIREMENTS, { input: withReport })).submissionRequirements;
    expect(r).toMatchObject({ complete: true, missing: [] });
    expect((await doctor.ok(SUBMIT, { input: withReport })).submitApplication.status).toBe(
      "AWAITING_INSTITUTION_REVIEW",
    );

    const general = await enrolled();
    r = (await general.ok(REQUIREMENTS, { input: { ...complete, departmentId: department.id } }))
      .submissionRequirements;
    expect(r.required).toContain("workQuantities");
    expect(r.required).not.toContain("report");
    expect(r).toMatchObject({ complete: true, missing: [] });
    expect(
      (await general.ok(SUBMIT, { input: { ...complete, departmentId: department.id } })).submitApplication.status,
    ).toBe("AWAITING_INSTITUTION_REVIEW");
  });

  test("the simple-procedure rule of the cycle: a physician of 3 years without a good record may not choose it", async () => {
    const young = await enrolled(`${new Date().getFullYear() - 3}-01-01`);
    const input = {
      ...complete,
      procedure: "SIMPLE",
      departmentId: department.id,
      hasGoodRecord: false,
      report: "述职",
    };
    const r = (await young.ok(REQUIREMENTS, { input })).submissionRequirements;
    expect(r.missing[0].field).toBe("procedure");
    const refused = await young.fails(SUBMIT, { input });
    expect(refused.message).toBe(r.missing[0].message);
  });
});

describe("a physician reaches only his own records", () => {
  test("another physician's application, attachment and certificate are refused with NOT_FOUND", async () => {
    const owner = await enrolled();
    const upload = await owner.upload(
      UPLOAD,
      { purpose: "MATERIAL", file: null },
      { file: { name: "材料.pdf", content: samplePdf() } },
    );
    const attachment = upload.data!.uploadApplicationAttachment as { id: number; url: string };
    const { id } = (await owner.ok(MINE)).myApplication;
    expect((await owner.ok(DETAIL, { id })).application.attachments).toHaveLength(1);

    const intruder = await enrolled();
    for (const [query, variables] of [
      [DETAIL, { id }],
      [REMOVE, { id: attachment.id }],
      [CERTIFICATE, { id }],
    ] as const) {
      const refused = await intruder.fails(query, variables);
      expect({ query, code: refused.extensions?.code }).toEqual({ query, code: "NOT_FOUND" });
      expect(refused.message).toMatch(/不存在或无权查看/);
    }
    // The owner's signed download link, copied to the other physician, is refused too.
    const res = await intruder.get(attachment.url);
    expect(res.status).toBe(403);
    expect(((await res.json()) as { error: { code: string } }).error.code).toBe("FORBIDDEN");
    // And the attachment is still there for its owner.
    expect((await owner.ok(DETAIL, { id })).application.attachments).toHaveLength(1);
  });
});
