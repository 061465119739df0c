import { computed } from "vue";
import { useQuery } from "@vue/apollo-composable";
import { TestPapersDocument } from "@/gql/graphql";

/** 试卷名称 choices: the current cycle's papers (loaded once). */
export function usePapers() {
  const { result } = useQuery(TestPapersDocument, null, { fetchPolicy: "cache-first" });
  return computed(() => result.value?.testPapers ?? []);
}
