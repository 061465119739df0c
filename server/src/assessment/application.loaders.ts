import DataLoader from "dataloader";
import { In } from "typeorm";
import { groupedInKeyOrder, inKeyOrder, type LoaderDefinition } from "../common/loaders";
import { TestAttempt } from "../exams/test-attempt.entity";
import { Physician } from "../physicians/physician.entity";
import { Application } from "./application.entity";
import type { HeavyParts } from "./application.view";
import { ApplicationEvent } from "./application-event.entity";
import { AssessmentCycle } from "./cycle.entity";
import { OtherInstitutionOpinion } from "./other-opinion.entity";

export const physicianById: LoaderDefinition<number, Physician | null> = (ds) =>
  new DataLoader(async (ids) =>
    inKeyOrder(
      ids,
      await ds.getRepository(Physician).find({ where: { id: In([...ids]) }, withDeleted: true }),
      (p) => p.id,
    ),
  );

export const cycleById: LoaderDefinition<number, AssessmentCycle | null> = (ds) =>
  new DataLoader(async (ids) =>
    inKeyOrder(ids, await ds.getRepository(AssessmentCycle).findBy({ id: In([...ids]) }), (c) => c.id),
  );

export const eventsByApplication: LoaderDefinition<number, ApplicationEvent[]> = (ds) =>
  new DataLoader(async (ids) =>
    groupedInKeyOrder(
      ids,
      await ds.getRepository(ApplicationEvent).find({ where: { applicationId: In([...ids]) }, order: { id: "ASC" } }),
      (e) => e.applicationId,
    ),
  );

export const attemptsByApplication: LoaderDefinition<number, TestAttempt[]> = (ds) =>
  new DataLoader(async (ids) =>
    groupedInKeyOrder(
      ids,
      await ds.getRepository(TestAttempt).find({ where: { applicationId: In([...ids]) }, order: { id: "ASC" } }),
      (a) => a.applicationId,
    ),
  );

export const opinionsByApplication: LoaderDefinition<number, OtherInstitutionOpinion[]> = (ds) =>
  new DataLoader(async (ids) =>
    groupedInKeyOrder(
      ids,
      await ds
        .getRepository(OtherInstitutionOpinion)
        .find({ where: { applicationId: In([...ids]) }, order: { id: "ASC" } }),
      (o) => o.applicationId,
    ),
  );

/** The columns a physician list row shows (no JSON columns), for lists of applications and attempts. */
export const PHYSICIAN_SUMMARY_COLUMNS = [
  "id",
  "name",
  "gender",
  "idNumber",
  "phone",
  "categoryCode",
  "level",
  "title",
  "departmentId",
  "institutionId",
  "practisingStatus",
  "updatedAt",
] as const;

export const physicianSummaryById: LoaderDefinition<number, Physician | null> = (ds) =>
  new DataLoader(async (ids) =>
    inKeyOrder(
      ids,
      await ds.getRepository(Physician).find({
        where: { id: In([...ids]) },
        withDeleted: true,
        select: Object.fromEntries(PHYSICIAN_SUMMARY_COLUMNS.map((c) => [c, true])),
      }),
      (p) => p.id,
    ),
  );

/** The JSON columns of applications read for a list, when a field asks for them. */
export const heavyPartsById: LoaderDefinition<number, HeavyParts | null> = (ds) =>
  new DataLoader(async (ids) =>
    inKeyOrder(
      ids,
      await ds.getRepository(Application).find({
        where: { id: In([...ids]) },
        select: { id: true, submission: true, draft: true, institutionReview: true, assessmentReview: true },
      }),
      (a) => a.id,
    ),
  );
