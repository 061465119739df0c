import { computed, watch } from "vue";
import { useRouter, type LocationQueryRaw } from "vue-router";
import { useQuery } from "@vue/apollo-composable";
import { reportError } from "@/common/errors";
import { AssessorHomeDocument } from "@/gql/graphql";
import { phaseRows } from "@/pages/home/useHome";
import { RouteName, type RouteNameValue } from "@/router/names";

/** The phases whose end is the assessment institution's deadline: its 复核 and the tests. */
export const DEADLINE_PHASES = ["ASSESSMENT_REVIEW", "TEST"] as const;

interface Task {
  key: string;
  title: string;
  count: number;
  route: RouteNameValue;
  query?: LocationQueryRaw;
  hint: string;
}

/**
 * 考核机构首页: counts by status over its institutions, the queues waiting on it (each a link to its list,
 * filtered), the cycle's schedule with the 复核 and 测评 deadlines, and whom to call at the administrations.
 */
export function useAssessorHome() {
  const router = useRouter();
  const { result, loading, error, refetch } = useQuery(AssessorHomeDocument, null, {
    fetchPolicy: "cache-and-network",
  });
  watch(error, (e) => e && reportError(e));
  const home = computed(() => result.value?.assessorHome ?? null);
  const phases = computed(() => phaseRows(home.value?.cycle?.phases ?? []));
  const deadlines = computed(() =>
    DEADLINE_PHASES.map((key) => phases.value.find((p) => p.key === key)).filter((p) => !!p),
  );

  const taskList = computed<Task[]>(() => {
    const q = home.value?.queues;
    return [
      {
        key: "simple",
        title: "简易程序待复核",
        count: q?.simpleReReviews ?? 0,
        route: RouteName.assessorReviews,
        query: { procedure: "SIMPLE" },
        hint: "待复核的简易程序申请",
      },
      {
        key: "general",
        title: "一般程序待复核",
        count: q?.generalReReviews ?? 0,
        route: RouteName.assessorReviews,
        query: { procedure: "GENERAL" },
        hint: "待复核的一般程序申请",
      },
      {
        key: "exemption",
        title: "免考待复核",
        count: q?.exemptionReReviews ?? 0,
        route: RouteName.assessorExemptions,
        hint: "待复核的免考申请",
      },
      {
        key: "results",
        title: "待录入成绩",
        count: q?.resultsToRecord ?? 0,
        route: RouteName.assessorResults,
        hint: "待录入成绩的医师",
      },
    ];
  });
  const tasks = computed(() =>
    taskList.value.map((t) => ({ ...t, disabled: t.count === 0, disabledReason: t.count ? "" : `当前没有${t.hint}` })),
  );
  function goTask(_route: RouteNameValue, key: string) {
    const t = taskList.value.find((x) => x.key === key);
    if (t) void router.push({ name: t.route, query: t.query });
  }

  const completionPercent = computed(() => Math.round((home.value?.completion.rate ?? 0) * 1000) / 10);
  return { home, loading, error, refetch, phases, deadlines, tasks, goTask, completionPercent };
}
