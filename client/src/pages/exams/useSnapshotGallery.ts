import { computed, ref } from "vue";
import { useMutation } from "@vue/apollo-composable";
import { reportError } from "@/common/errors";
import { ViewAttemptSnapshotsDocument, type ProctoringRowFragment, type SnapshotFieldsFragment } from "@/gql/graphql";

/** Snapshot links are signed for 10 minutes; renew them once older than 9. */
const LINK_LIFETIME_MS = 9 * 60 * 1000;

/**
 * 【查看照片】: an attempt's proctoring snapshots with their similarity. Viewing goes through the
 * `viewAttemptSnapshots` mutation (the links come only from it), which records them as viewed by the
 * institution, so the list is refreshed afterwards (`onViewed`).
 */
export function useSnapshotGallery(onViewed: () => void) {
  const visible = ref(false);
  const attempt = ref<ProctoringRowFragment | null>(null);
  const snapshots = ref<SnapshotFieldsFragment[]>([]);
  const currentId = ref<number | null>(null);
  const loadedAt = ref(0);
  const failed = ref(false);
  const { mutate, loading } = useMutation(ViewAttemptSnapshotsDocument);

  const current = computed(() => snapshots.value.find((s) => s.id === currentId.value) ?? snapshots.value[0] ?? null);
  const index = computed(() => (current.value ? snapshots.value.findIndex((s) => s.id === current.value!.id) : -1));
  const lowest = computed(() =>
    snapshots.value.reduce<SnapshotFieldsFragment | null>(
      (low, s) => (!low || s.similarity < low.similarity ? s : low),
      null,
    ),
  );

  async function load() {
    if (!attempt.value) return false;
    failed.value = false;
    try {
      const r = await mutate({ attemptId: attempt.value.id });
      snapshots.value = r?.data?.viewAttemptSnapshots ?? [];
      loadedAt.value = Date.now();
      onViewed();
      return true;
    } catch (err) {
      failed.value = true;
      reportError(err);
      return false;
    }
  }

  /** Opens on the least similar picture: the one worth a look first. */
  async function open(row: ProctoringRowFragment) {
    attempt.value = row;
    snapshots.value = [];
    currentId.value = null;
    visible.value = true;
    if (await load()) currentId.value = lowest.value?.id ?? null;
  }

  async function show(id: number) {
    if (Date.now() - loadedAt.value > LINK_LIFETIME_MS) await load();
    currentId.value = id;
  }

  function step(delta: number) {
    const next = snapshots.value[index.value + delta];
    if (next) void show(next.id);
  }

  /** After 标记疑似 from the dialog: the row as the server returned it. */
  function update(row: ProctoringRowFragment) {
    if (attempt.value?.id === row.id) attempt.value = row;
  }

  return { visible, attempt, snapshots, current, index, lowest, loading, failed, open, load, show, step, update };
}
