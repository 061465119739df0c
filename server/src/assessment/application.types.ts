import { registerEnumType } from "type-graphql";
import type { Procedure } from "./procedure";

/** 合格 / 不合格: the institution's rating of each item, and the outcome it implies. */
export enum Rating {
  QUALIFIED = "QUALIFIED",
  UNQUALIFIED = "UNQUALIFIED",
}
registerEnumType(Rating, {
  name: "Rating",
  description: "评定结果 (rating)",
  valuesConfig: { QUALIFIED: { description: "合格" }, UNQUALIFIED: { description: "不合格" } },
});

/** Rated items: 工作成绩 and 职业道德 always; for the general procedure also each work-quantity item (WORK_QUANTITY:<code>). */
export const WORK_PERFORMANCE = "WORK_PERFORMANCE";
export const ETHICS = "ETHICS";
export const workQuantityItem = (code: string) => `WORK_QUANTITY:${code}`;

export interface PhysicianSnapshot {
  name: string;
  gender: string;
  birthDate: string;
  idNumber: string;
  phone: string;
  level: string;
  title: string;
  qualificationCertNo: string;
  practiceCertNo: string;
  categoryCode: string;
  scopeCodes: string[];
  firstPracticeDate: string | null;
  institutionName: string;
  departmentName: string;
  otherPracticeSites: { institutionName: string; startDate: string | null; endDate: string | null }[];
}

/** What the physician fills in (draft) and sends (submission, with the snapshot added). */
export interface Submission {
  procedure: Procedure | null;
  departmentId: number | null;
  practiceExperience: string;
  workPerformance: string;
  ethics: string;
  report: string;
  hasGoodRecord: boolean;
  hasBadRecord: boolean;
  workQuantities: { code: string; value: number }[];
  snapshot?: PhysicianSnapshot;
}

export interface ItemRating {
  item: string;
  /** 工作成绩, 职业道德, 接诊病人数 … as of the review */
  itemName?: string;
  rating: Rating;
  /** Work quantities: the declared figure and the standard as of the review, and whether the rating contradicts them. */
  declaredValue?: number;
  threshold?: number;
  contradictsStandard?: boolean;
}

export interface InstitutionReview {
  ratings: ItemRating[];
  outcome: Rating;
  opinion: string;
  reviewerAccountId: number;
  reviewerName: string;
  at: string;
}

export interface AssessmentReview {
  approved: boolean;
  opinion: string;
  reviewerAccountId: number;
  reviewerName: string;
  at: string;
}
