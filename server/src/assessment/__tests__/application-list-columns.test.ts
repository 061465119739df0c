import { isObjectType } from "graphql";
import { buildAppSchema } from "../../schema";
import { createDepartment, buildWorld, signIn, type World } from "../../testing/world";
import { startTestApp, type TestApp } from "../../testing/test-app";
import { placeApplication } from "../../testing/workflow";
import type { GqlClient } from "../../testing/gql-client";
import { Application } from "../application.entity";
import { ALL_LIST_COLUMNS, FIELD_COLUMNS, listColumnsFor } from "../application-list-columns";
import { TestKind } from "../procedure";
import { ApplicationStatus, ExemptionStatus } from "../workflow";

/**
 * Issue 15: a list reads only the columns its rows' asked fields need. Every field of ApplicationView is either in
 * the table (and then, asked alone, gives what a list read whole gives) or makes the list read every column.
 */
const READS_EVERYTHING = [
  "assessmentReview",
  "attachments",
  "availableActions",
  "availableExemptionActions",
  "draft",
  "institutionReview",
  "otherOpinions",
  "requiredTests",
  "submission",
  "testAttempts",
  "timeline",
  "withdrawnOnCancel",
];
/** What to ask of a field whose type is an object. */
const SUBSELECTION: Record<string, string> = {
  physician: "{ id name idNumberMasked phoneMasked categoryName }",
};

let fields: string[];
beforeAll(async () => {
  const type = (await buildAppSchema()).getType("ApplicationView");
  if (!isObjectType(type)) throw new Error("ApplicationView is not an object type");
  fields = Object.keys(type.getFields());
});

describe("the table of columns per field", () => {
  it("names only fields of ApplicationView, and every field is either in it or reads every column", () => {
    expect(Object.keys(FIELD_COLUMNS).filter((f) => f !== "__typename" && !fields.includes(f))).toEqual([]);
    const everything = fields.filter((f) => listColumnsFor(new Set([f])) === ALL_LIST_COLUMNS);
    expect(everything.sort()).toEqual(READS_EVERYTHING);
  });

  it("reads every column when the fields are unknown, and the keys and label sources always", () => {
    expect(listColumnsFor(null)).toBe(ALL_LIST_COLUMNS);
    expect(listColumnsFor(new Set(["id", "timeline"]))).toBe(ALL_LIST_COLUMNS);
    const page = listColumnsFor(new Set(["id", "statusLabel", "lastActionAt", "physician", "departmentName"]));
    expect(page).toEqual([
      "id",
      "cycleId",
      "physicianId",
      "institutionId",
      "departmentId",
      "procedure",
      "status",
      "exemptionStatus",
      "version",
      "lastActionAt",
    ]);
    // The same fields in another order give the very same list (one cached SELECT per set).
    expect(listColumnsFor(new Set(["lastActionAt", "physician", "id"]))).toEqual(
      listColumnsFor(new Set(["id", "physician", "lastActionAt"])),
    );
  });
});

describe("a list asked for some fields gives what the list read whole gives", () => {
  let app: TestApp;
  let world: World;
  let inst: GqlClient;
  beforeAll(async () => {
    app = await startTestApp();
    world = await buildWorld(app.deps.ds);
    inst = await signIn(app, world.users.instA);
    const department = await createDepartment(app.deps.ds, world.instA.id, "心内科");
    const repo = app.deps.ds.getRepository(Application);
    const placed = [
      await placeApplication(app, world, ApplicationStatus.AWAITING_TEST),
      await placeApplication(app, world, ApplicationStatus.RETURNED_TO_PHYSICIAN),
      await placeApplication(app, world, ApplicationStatus.AWAITING_INSTITUTION_REVIEW, {
        exemptionStatus: ExemptionStatus.AWAITING_INSTITUTION,
      }),
      await placeApplication(app, world, ApplicationStatus.QUALIFIED),
    ];
    await repo.update(placed[1].application.id, { returnReason: "述职报告过短", departmentId: department.id });
    await repo.update(placed[2].application.id, {
      exemptedTest: TestKind.HUMANITIES,
      exemptionReason: "HIGH_TITLE",
      exemptionNote: "主任医师",
      exemptionRequestedAt: new Date("2026-11-02T03:04:05Z"),
      submittedAt: new Date("2026-11-01T08:00:00Z"),
    });
  });
  afterAll(() => app.close());

  const list = (items: string) =>
    inst.ok(`{ applications(pageSize: 100) { total items { ${items} } } }`).then((d) => d.applications);

  it("field by field, and all the table's fields at once", async () => {
    const whole = await list(
      `id availableActions ${fields
        .filter((f) => !READS_EVERYTHING.includes(f))
        .map((f) => `${f} ${SUBSELECTION[f] ?? ""}`)
        .join(" ")}`,
    );
    expect(whole.items.length).toBeGreaterThanOrEqual(4);
    const pick = (rows: Record<string, unknown>[], keys: string[]) =>
      rows.map((row) => Object.fromEntries(keys.map((k) => [k, row[k]])));
    const trimmed = fields.filter((f) => !READS_EVERYTHING.includes(f));
    for (const field of trimmed) {
      const alone = await list(`id ${field} ${SUBSELECTION[field] ?? ""}`);
      expect({ field, items: alone.items }).toEqual({ field, items: pick(whole.items, ["id", field]) });
    }
    const together = await list(trimmed.map((f) => `${f} ${SUBSELECTION[f] ?? ""}`).join(" "));
    expect(together.items).toEqual(pick(whole.items, trimmed));
    // The data set exercises the optional columns (a mutation reading them as null would pass otherwise).
    expect(whole.items.some((i: { exemptionNote: string | null }) => i.exemptionNote === "主任医师")).toBe(true);
    expect(whole.items.some((i: { returnReason: string | null }) => i.returnReason === "述职报告过短")).toBe(true);
    expect(whole.items.some((i: { exemptedTest: string | null }) => i.exemptedTest === "HUMANITIES")).toBe(true);
    expect(whole.items.some((i: { departmentName: string | null }) => i.departmentName === "心内科")).toBe(true);
  });

  it("leaves out what the rows do not ask for", async () => {
    const logged = jest.spyOn(app.deps.ds.logger, "logQuery");
    try {
      await list("id status lastActionAt physician { name }");
      const page = logged.mock.calls.map(([sql]) => sql).find((sql) => sql.includes("page_ids"));
      expect(page).toContain("last_action_at");
      expect(page).not.toContain("exemption_note");
      expect(page).not.toContain("return_reason");
      logged.mockClear();
      // Fields asked through a fragment or an inline fragment count too.
      const viaFragments = await inst.ok(
        `query { applications(pageSize: 100) { items { id ...Exemption ... on ApplicationView { returnReason } } } }
         fragment Exemption on ApplicationView { exemptionNote }`,
      );
      const fragmentSql = logged.mock.calls.map(([sql]) => sql).find((sql) => sql.includes("page_ids"));
      expect(fragmentSql).toContain("exemption_note");
      expect(fragmentSql).toContain("return_reason");
      expect(
        viaFragments.applications.items.some((i: { exemptionNote: string }) => i.exemptionNote === "主任医师"),
      ).toBe(true);
      logged.mockClear();
      await list("id status timeline { action }");
      const whole = logged.mock.calls.map(([sql]) => sql).find((sql) => sql.includes("page_ids"));
      expect(whole).toContain("exemption_note");
    } finally {
      logged.mockRestore();
    }
  });
});
