import { computed, ref, watch } from "vue";
import { useQuery } from "@vue/apollo-composable";
import { reportError } from "@/common/errors";
import { ApplicationTimelineDocument, PhysicianDetailDocument } from "@/gql/graphql";

/** 详情 drawer: the physician with full identifiers, transfers, and the current application's timeline. */
export function usePhysicianDetail() {
  const visible = ref(false);
  const physicianId = ref<number | null>(null);

  const { result, loading, error, refetch } = useQuery(
    PhysicianDetailDocument,
    () => ({ id: physicianId.value ?? 0 }),
    () => ({ enabled: visible.value && physicianId.value !== null, fetchPolicy: "network-only" }),
  );
  const physician = computed(() => (result.value?.physician.id === physicianId.value ? result.value.physician : null));

  const applicationId = computed(() => physician.value?.currentApplication?.id ?? null);
  const {
    result: timelineResult,
    loading: timelineLoading,
    error: timelineError,
  } = useQuery(
    ApplicationTimelineDocument,
    () => ({ id: applicationId.value ?? 0 }),
    () => ({ enabled: visible.value && applicationId.value !== null, fetchPolicy: "network-only" }),
  );
  watch([error, timelineError], ([a, b]) => (a || b) && reportError(a || b));
  const application = computed(() =>
    timelineResult.value?.application.id === applicationId.value ? (timelineResult.value?.application ?? null) : null,
  );

  function open(id: number) {
    physicianId.value = id;
    visible.value = true;
  }

  return { visible, physician, application, loading, timelineLoading, refetch, open };
}
