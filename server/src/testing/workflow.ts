import type { DataSource } from "typeorm";
import { Account } from "../accounts/account.entity";
import { hashPassword } from "../accounts/password-hash";
import { Application } from "../assessment/application.entity";
import { adjustCounters, moveCounter } from "../assessment/counters";
import { Procedure } from "../assessment/procedure";
import { ApplicationStatus, ExemptionStatus } from "../assessment/workflow";
import { Institution } from "../institutions/institution.entity";
import type { Physician } from "../physicians/physician.entity";
import type { GqlClient } from "./gql-client";
import { addPhysicians } from "./physicians";
import type { TestApp } from "./test-app";
import { signIn, TEST_PASSWORD, type World } from "./world";

let hash: Promise<string> | null = null;

/** Gives a physician's account the test password, as if he had changed it at first sign-in. */
export async function activatePhysician(ds: DataSource, physician: Physician): Promise<void> {
  hash ??= hashPassword(TEST_PASSWORD);
  await ds
    .getRepository(Account)
    .update({ physicianId: physician.id }, { passwordHash: await hash, mustChangePassword: false });
}

export async function physicianClient(app: TestApp, physician: Physician): Promise<GqlClient> {
  await activatePhysician(app.deps.ds, physician);
  return signIn(app, physician.idNumber);
}

/** Moves an application to a status directly (test set-up only), keeping the counters true. */
export async function forceState(
  ds: DataSource,
  applicationId: number,
  values: Partial<
    Pick<
      Application,
      "status" | "procedure" | "exemptionStatus" | "exemptedTest" | "submission" | "institutionReview" | "departmentId"
    >
  >,
): Promise<Application> {
  const repo = ds.getRepository(Application);
  const before = await repo.findOneByOrFail({ id: applicationId });
  await repo.update({ id: applicationId }, values);
  if (values.status && values.status !== before.status && before.institutionId) {
    const inst = await ds.getRepository(Institution).findOneByOrFail({ id: before.institutionId });
    await adjustCounters(ds.manager, moveCounter(before.cycleId, inst, before.status, values.status));
  }
  return repo.findOneByOrFail({ id: applicationId });
}

export const minimalSubmission = (procedure: Procedure) => ({
  procedure,
  departmentId: null,
  practiceExperience: "2008 年至今在本院执业",
  workPerformance: "完成各项工作",
  ethics: "遵守职业道德",
  report: procedure === Procedure.SIMPLE ? "述职报告" : "",
  hasGoodRecord: true,
  hasBadRecord: false,
  workQuantities: procedure === Procedure.GENERAL ? [{ code: "PATIENTS", value: 2400 }] : [],
});

/** A physician of `institution` whose current application is in `status` (with a plausible submission). */
export async function placeApplication(
  app: TestApp,
  world: World,
  status: ApplicationStatus,
  options: { institution?: Institution; procedure?: Procedure; exemptionStatus?: ExemptionStatus } = {},
) {
  const [physician] = await addPhysicians(app.deps.ds, options.institution ?? world.instA, 1);
  const procedure = options.procedure ?? Procedure.SIMPLE;
  const application = await app.deps.ds
    .getRepository(Application)
    .findOneByOrFail({ physicianId: physician.id, cycleId: world.cycle.id });
  const beyondRegistration = ![ApplicationStatus.NOT_ENROLLED, ApplicationStatus.AWAITING_REGISTRATION].includes(
    status,
  );
  const updated = await forceState(app.deps.ds, application.id, {
    status,
    procedure: beyondRegistration ? procedure : null,
    submission: beyondRegistration ? minimalSubmission(procedure) : null,
    exemptionStatus: options.exemptionStatus ?? ExemptionStatus.NONE,
  });
  return { physician, application: updated };
}
