import type { EntityTarget, ObjectLiteral } from "typeorm";
import { Department } from "../../departments/department.entity";
import { rawColumns } from "../../db/raw-select";
import { Physician } from "../../physicians/physician.entity";
import { startTestApp, type TestApp } from "../../testing/test-app";
import { placeApplication } from "../../testing/workflow";
import { buildWorld, createDepartment, type World } from "../../testing/world";
import { Application } from "../application.entity";
import { ApplicationStatus } from "../workflow";

/**
 * The hand-written list statements hydrate their rows with db/raw-select.ts, which converts the common column kinds
 * itself: every column of the entities the lists read must come out exactly as TypeORM's own find gives it.
 */
let app: TestApp;
let world: World;

beforeAll(async () => {
  app = await startTestApp();
  world = await buildWorld(app.deps.ds);
  // Applications in several states: submitted, reviewed, exempted, returned (dates, booleans, JSON, nulls).
  for (const status of [
    ApplicationStatus.AWAITING_REGISTRATION,
    ApplicationStatus.AWAITING_INSTITUTION_REVIEW,
    ApplicationStatus.RETURNED_TO_PHYSICIAN,
    ApplicationStatus.AWAITING_TEST,
    ApplicationStatus.QUALIFIED,
  ])
    await placeApplication(app, world, status);
  await createDepartment(app.deps.ds, world.instA.id, "内科");
  await createDepartment(app.deps.ds, world.instA.id, "停用科室", false);
});
afterAll(() => app.close());

async function expectSameAsTypeorm<T extends ObjectLiteral>(target: EntityTarget<T>, table: string) {
  const { ds } = app.deps;
  const meta = ds.getMetadata(target);
  const columns = rawColumns(
    ds,
    target,
    "x",
    meta.columns.map((c) => c.propertyPath),
  );
  const rows: Record<string, unknown>[] = await ds.query(`SELECT ${columns.select} FROM ${table} x ORDER BY x.id`);
  const found = await ds.getRepository(target).find({ order: { id: "ASC" } as never });
  expect(rows.length).toBeGreaterThan(0);
  expect(rows.map((r) => columns.hydrate(r))).toEqual(found);
  // Same classes, same property kinds (a Date stays a Date, a flag a boolean).
  const hydrated = columns.hydrate(rows[rows.length - 1])!;
  const last = found[found.length - 1];
  expect(hydrated).toBeInstanceOf(meta.target as new () => T);
  for (const key of Object.keys(last)) expect(typeof hydrated[key]).toBe(typeof last[key]);
}

it("applications: every column as TypeORM hydrates it", () => expectSameAsTypeorm(Application, "application"));
it("physicians: every column as TypeORM hydrates it", () => expectSameAsTypeorm(Physician, "physician"));
it("departments: every column as TypeORM hydrates it", () => expectSameAsTypeorm(Department, "department"));
