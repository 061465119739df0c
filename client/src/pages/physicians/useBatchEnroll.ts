import { computed, reactive, ref } from "vue";
import { useMutation } from "@vue/apollo-composable";
import { toFailure } from "@/common/errors";
import { EnrollPhysiciansDocument, type RosterRowFragment } from "@/gql/graphql";

/** Requests of this many physicians each, so that the progress bar moves for large selections. */
export const BATCH_SIZE = 50;

export interface BatchFailure {
  physicianId: number;
  name: string;
  idNumberMasked: string;
  message: string;
}

type Phase = "confirm" | "running" | "done";

/**
 * 【批量参加】 (manual 2.2.5 (2)): asks, sends the selection in chunks, and reports each physician's
 * outcome — one refusal does not stop the others, and every failure is listed with the server's reason.
 */
export function useBatchEnroll(onFinished: () => void) {
  const visible = ref(false);
  const phase = ref<Phase>("confirm");
  const rows = ref<RosterRowFragment[]>([]);
  const progress = reactive({ done: 0, total: 0 });
  const succeeded = ref(0);
  const failures = ref<BatchFailure[]>([]);
  const percent = computed(() => (progress.total ? Math.round((progress.done / progress.total) * 100) : 0));
  const { mutate } = useMutation(EnrollPhysiciansDocument);

  function open(selection: RosterRowFragment[]) {
    rows.value = [...selection];
    phase.value = "confirm";
    Object.assign(progress, { done: 0, total: selection.length });
    succeeded.value = 0;
    failures.value = [];
    visible.value = true;
  }

  async function start() {
    phase.value = "running";
    const byId = new Map(rows.value.map((r) => [r.id, r]));
    const failure = (physicianId: number, message: string): BatchFailure => ({
      physicianId,
      name: byId.get(physicianId)?.name ?? `#${physicianId}`,
      idNumberMasked: byId.get(physicianId)?.idNumberMasked ?? "",
      message,
    });
    const ids = rows.value.map((r) => r.id);
    for (let i = 0; i < ids.length; i += BATCH_SIZE) {
      const chunk = ids.slice(i, i + BATCH_SIZE);
      try {
        const res = await mutate({ physicianIds: chunk });
        const result = res?.data?.enrollPhysicians;
        succeeded.value += result?.succeeded ?? 0;
        for (const o of result?.outcomes ?? [])
          if (!o.ok) failures.value.push(failure(o.physicianId, o.message ?? "未能确认参加"));
      } catch (err) {
        // The whole request failed (e.g. outside the registration window): every physician of it is reported.
        const message = toFailure(err).message;
        for (const id of chunk) failures.value.push(failure(id, message));
      }
      progress.done = Math.min(progress.total, i + chunk.length);
    }
    phase.value = "done";
    onFinished();
  }

  function close() {
    visible.value = false;
  }

  return { visible, phase, rows, progress, percent, succeeded, failures, open, start, close };
}
