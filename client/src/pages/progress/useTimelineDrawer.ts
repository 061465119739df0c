import { computed, ref, watch } from "vue";
import { useQuery } from "@vue/apollo-composable";
import { reportError } from "@/common/errors";
import { ApplicationTimelineDocument } from "@/gql/graphql";

/** 办理记录: who did what and when on one application (the progress list's drawer). */
export function useTimelineDrawer() {
  const visible = ref(false);
  const applicationId = ref<number | null>(null);
  const physicianName = ref("");
  const { result, loading, error } = useQuery(
    ApplicationTimelineDocument,
    () => ({ id: applicationId.value ?? 0 }),
    () => ({ enabled: visible.value && applicationId.value !== null, fetchPolicy: "network-only" }),
  );
  watch(error, (e) => e && reportError(e));
  const application = computed(() =>
    result.value?.application.id === applicationId.value ? (result.value?.application ?? null) : null,
  );

  function open(id: number, name: string) {
    applicationId.value = id;
    physicianName.value = name;
    visible.value = true;
  }

  return { visible, physicianName, application, loading, open };
}
