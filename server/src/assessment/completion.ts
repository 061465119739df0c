import { ApplicationStatus } from "./workflow";

/** Completion figures of a set of counts per status (the GraphQL type is `CompletionSummary`, counts.ts). */
export interface Completion {
  enrolled: number;
  finished: number;
  qualified: number;
  unqualified: number;
  rate: number;
}

/**
 * Pure (no entity, no GraphQL type), so the bench's raw-SQL twin computes the very same figures without loading
 * the ORM.
 */
export function completionOf(counts: Map<ApplicationStatus, number>): Completion {
  let total = 0;
  for (const n of counts.values()) total += n;
  const enrolled = total - (counts.get(ApplicationStatus.NOT_ENROLLED) ?? 0);
  const qualified = counts.get(ApplicationStatus.QUALIFIED) ?? 0;
  const unqualified = counts.get(ApplicationStatus.UNQUALIFIED) ?? 0;
  const finished = qualified + unqualified;
  return {
    enrolled,
    finished,
    qualified,
    unqualified,
    rate: enrolled ? Math.round((finished / enrolled) * 10000) / 10000 : 0,
  };
}
