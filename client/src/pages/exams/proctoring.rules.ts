import type { ProctoringRowFragment, SnapshotViewStatus } from "@/gql/graphql";

/** The manual's hint: look first at physicians whose pictures match less than 40%. */
export const LOW_SIMILARITY = 40;
export const SIMILARITY_CHOICES = [20, 30, 40, 50, 60, 80];

/** 查看状态 of a row: marked, viewed, or not yet looked at. */
export function viewStatusOf(row: Pick<ProctoringRowFragment, "suspected" | "viewed">): SnapshotViewStatus {
  return row.suspected ? "MARKED" : row.viewed ? "VIEWED" : "UNVIEWED";
}

/** 【标记疑似】 is the institution's only move, once, before the province has judged the attempt. */
export const canMark = (row: Pick<ProctoringRowFragment, "suspected" | "verdict" | "voided">) =>
  !row.suspected && row.verdict === "NONE" && !row.voided;

export const isLow = (similarity: number | null | undefined) =>
  similarity !== null && similarity !== undefined && similarity < LOW_SIMILARITY;
