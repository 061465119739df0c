import { computed, watch } from "vue";
import { useQuery } from "@vue/apollo-composable";
import { WorkflowDocument, type ApplicationStatus, type ExemptionAction, type WorkflowAction } from "@/gql/graphql";
import { reportError } from "./errors";

/**
 * Labels of statuses and actions as the server publishes them (`workflow` query, loaded once and
 * cached): pages never spell workflow labels themselves. Which buttons show comes from the record's
 * `availableActions`; this only names them.
 */
export function useWorkflow() {
  const { result, loading, error } = useQuery(WorkflowDocument, null, { fetchPolicy: "cache-first" });
  watch(error, (e) => e && reportError(e));
  const workflow = computed(() => result.value?.workflow ?? null);
  const ready = computed(() => !!workflow.value);

  const statuses = computed(() => workflow.value?.statuses ?? []);
  const statusLabel = (status: ApplicationStatus | null | undefined) =>
    statuses.value.find((s) => s.value === status)?.label ?? "";
  const action = (a: WorkflowAction) => workflow.value?.actions.find((x) => x.action === a) ?? null;
  const actionLabel = (a: WorkflowAction) => action(a)?.label ?? "";
  /** Why `a` cannot be done from `status`: the table's precise message for that status, else its general one. */
  const refusal = (a: WorkflowAction, status: ApplicationStatus | null | undefined) => {
    const rule = action(a);
    return rule?.refusals.find((r) => r.status === status)?.message ?? rule?.refusal ?? "";
  };
  const exemptionActionLabel = (a: ExemptionAction) =>
    workflow.value?.exemptionActions.find((x) => x.action === a)?.label ?? "";

  /** The 报名 sections a return to the physician may name, in form order, with their labels. */
  const returnSections = computed(() => workflow.value?.returnSections ?? []);

  return {
    workflow,
    ready,
    loading,
    statuses,
    statusLabel,
    action,
    actionLabel,
    refusal,
    exemptionActionLabel,
    returnSections,
  };
}
