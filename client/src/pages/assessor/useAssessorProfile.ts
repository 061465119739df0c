import { computed, watch } from "vue";
import { useQuery } from "@vue/apollo-composable";
import { reportError } from "@/common/errors";
import { useList } from "@/components/list/useList";
import { AssessorAssignedInstitutionsDocument, MyInstitutionDocument } from "@/gql/graphql";
import { assignedInstitutionFilters } from "./institutions.list";

/** 本机构信息 of the assessment institution (read-only here) and the institutions assigned to it. */
export function useAssessorProfile() {
  const { result, loading, error, refetch } = useQuery(MyInstitutionDocument, null, {
    fetchPolicy: "cache-and-network",
  });
  watch(error, (e) => e && reportError(e));
  const profile = computed(() => result.value?.myInstitution ?? null);
  const list = useList({
    query: AssessorAssignedInstitutionsDocument,
    filters: assignedInstitutionFilters,
    variables: (f, paging) => ({ filter: { assignedToMe: true, name: f.name || undefined }, ...paging }),
    rows: (data) => data.institutions,
    empty: ({ filtered }) => (filtered ? "没有符合条件的机构" : "尚无分配给本机构的医疗卫生机构"),
  });
  return { profile, loading, error, refetch, list };
}
