import { computed, ref, watch } from "vue";
import { useRouter } from "vue-router";
import { useMutation, useQuery } from "@vue/apollo-composable";
import { ElMessage } from "element-plus";
import { reportError } from "@/common/errors";
import { todayInChina } from "@/common/format";
import { ConfirmCycleNoticeDocument, InstitutionHomeDocument } from "@/gql/graphql";
import { RouteName, type RouteNameValue } from "@/router/names";

export type PhaseState = "DONE" | "ACTIVE" | "UPCOMING";

const DAY = 24 * 60 * 60 * 1000;
const daysBetween = (from: string, to: string) =>
  Math.round((Date.parse(`${to}T00:00:00Z`) - Date.parse(`${from}T00:00:00Z`)) / DAY);

export function phaseState(startDate: string, endDate: string, today = todayInChina()): PhaseState {
  if (today < startDate) return "UPCOMING";
  if (today > endDate) return "DONE";
  return "ACTIVE";
}

/** A cycle's phases with where today stands in each (the schedule table of both home pages). */
export function phaseRows<P extends { startDate: string; endDate: string }>(
  phases: readonly P[],
  today = todayInChina(),
) {
  return phases.map((p) => {
    const state = phaseState(p.startDate, p.endDate, today);
    const daysLeft =
      state === "ACTIVE" ? daysBetween(today, p.endDate) : state === "UPCOMING" ? daysBetween(today, p.startDate) : 0;
    return { ...p, state, daysLeft };
  });
}

/** 首页 (manual 2.2.2): notice to confirm, schedule, pending tasks, completion, contacts. */
export function useHome() {
  const router = useRouter();
  const { result, loading, error, refetch } = useQuery(InstitutionHomeDocument, null, {
    fetchPolicy: "cache-and-network",
  });
  watch(error, (e) => e && reportError(e));

  const home = computed(() => result.value?.institutionHome ?? null);
  const today = todayInChina();

  const phases = computed(() => phaseRows(home.value?.cycle?.phases ?? [], today));

  // The notice shows until confirmed for this cycle (once per account and cycle).
  const noticeVisible = ref(false);
  watch(home, (h) => (noticeVisible.value = !!h && !h.noticeConfirmed && !!h.cycle), { immediate: true });
  const { mutate: confirmNotice, loading: confirming } = useMutation(ConfirmCycleNoticeDocument);
  async function confirm() {
    const cycle = home.value?.cycle;
    if (!cycle) return;
    try {
      await confirmNotice({ cycleId: cycle.id });
      noticeVisible.value = false;
      ElMessage.success("已确认考核周期告知");
      await refetch();
    } catch (err) {
      reportError(err);
    }
  }

  const tasks = computed(() => {
    const t = home.value?.pendingTasks;
    const task = (key: string, title: string, count: number, route: RouteNameValue, hint: string) => {
      const available = router.hasRoute(route);
      const disabledReason = count === 0 ? `当前没有${hint}` : !available ? "审核功能将在后续版本中开放" : "";
      return { key, title, count, route, disabled: !!disabledReason, disabledReason };
    };
    return [
      task("simple", "简易程序待审核", t?.simpleReviews ?? 0, RouteName.reviewsSimple, "待审核的简易程序申请"),
      task("general", "一般程序待审核", t?.generalReviews ?? 0, RouteName.reviewsGeneral, "待审核的一般程序申请"),
      task("exemption", "免考待审核", t?.exemptionReviews ?? 0, RouteName.reviewsExemptions, "待审核的免考申请"),
    ];
  });

  function goTask(route: RouteNameValue) {
    if (router.hasRoute(route)) void router.push({ name: route });
  }

  const completionPercent = computed(() => Math.round((home.value?.completion.rate ?? 0) * 1000) / 10);

  return {
    home,
    loading,
    error,
    refetch,
    phases,
    noticeVisible,
    confirm,
    confirming,
    tasks,
    goTask,
    completionPercent,
  };
}
