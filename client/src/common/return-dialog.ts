import { ref } from "vue";
import type { ReturnSection } from "@/gql/graphql";

/** What a 驳回 to the physician says: the reason (required) and the 报名 sections it concerns (optional). */
export interface ReturnAnswer {
  reason: string;
  sections: ReturnSection[];
}

export interface ReturnQuestion {
  title: string;
  message: string;
  confirmText: string;
  placeholder?: string;
}

/**
 * The state of one ReturnDialog on a page: `ask` opens it and resolves the answer, or null when cancelled
 * (like promptReason, so the callers read the same).
 */
export function useReturnDialog() {
  const open = ref(false);
  const question = ref<ReturnQuestion | null>(null);
  let resolve: ((a: ReturnAnswer | null) => void) | undefined;
  function ask(q: ReturnQuestion): Promise<ReturnAnswer | null> {
    resolve?.(null);
    question.value = q;
    open.value = true;
    return new Promise((r) => (resolve = r));
  }
  function settle(answer: ReturnAnswer | null) {
    open.value = false;
    resolve?.(answer);
    resolve = undefined;
  }
  return { open, question, ask, settle };
}
export type ReturnDialogState = ReturnType<typeof useReturnDialog>;
