import { computed, watch } from "vue";
import { useRoute, useRouter } from "vue-router";
import { useQuery } from "@vue/apollo-composable";
import { toFailure } from "@/common/errors";
import { AdministrationDashboardDocument, type DashboardCountsFragment, type RegionGrouping } from "@/gql/graphql";
import { RouteName } from "@/router/names";

export const CHILD_LEVEL: Record<RegionGrouping, string> = { CITY: "市", COUNTY: "县（区）", INSTITUTION: "机构" };

/** The statuses shown as columns of the table, in workflow order (the rest are in 合计). */
export const DASHBOARD_STATUSES = [
  "AWAITING_INSTITUTION_REVIEW",
  "AWAITING_ASSESSMENT_REVIEW",
  "AWAITING_TEST",
  "AWAITING_MAKEUP_CONFIRMATION",
  "QUALIFIED",
  "UNQUALIFIED",
] as const;

export const countOf = (s: Pick<DashboardCountsFragment, "statusCounts">, status: string) =>
  s.statusCounts.find((c) => c.status === status)?.count ?? 0;

/**
 * 辖区考核概况: the region in the address (?region=450100), so a drill-down is a history entry and the back
 * button climbs up again; an institution row opens that institution's applications.
 */
export function useDashboard() {
  const route = useRoute();
  const router = useRouter();
  const regionCode = computed(() => (typeof route.query.region === "string" ? route.query.region : null));
  const { result, loading, error, refetch } = useQuery(
    AdministrationDashboardDocument,
    () => ({ regionCode: regionCode.value }),
    { fetchPolicy: "cache-and-network" },
  );
  const dashboard = computed(() => result.value?.administrationDashboard ?? null);
  const failure = computed(() => (error.value ? toFailure(error.value) : null));
  // A refusal (another region in the address) is shown from `error`; the promise need not be awaited.
  const reload = () => void refetch()?.catch(() => undefined);
  watch(regionCode, reload);

  function open(row: { code: string; name: string }) {
    if (dashboard.value?.childLevel === "INSTITUTION") {
      void router.push({ name: RouteName.adminApplications, query: { institution: row.code } });
    } else {
      void router.push({ query: { region: row.code } });
    }
  }
  function climb(code: string) {
    void router.push({ query: code === dashboard.value?.trail[0]?.code ? {} : { region: code } });
  }
  const percent = (rate: number) => Math.round(rate * 1000) / 10;
  return { dashboard, loading, failure, reload, open, climb, percent };
}
