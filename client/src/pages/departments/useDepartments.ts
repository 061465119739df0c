import { computed, reactive, ref, watch } from "vue";
import { useMutation, useQuery } from "@vue/apollo-composable";
import { ElMessage } from "element-plus";
import { confirmAction } from "@/common/confirm";
import { reportError } from "@/common/errors";
import { usePagination } from "@/common/usePagination";
import {
  DeleteDepartmentDocument,
  DepartmentsDocument,
  SetDepartmentEnabledDocument,
  type DepartmentFieldsFragment,
} from "@/gql/graphql";

export type EnabledFilter = "" | "enabled" | "disabled";

/** 科室信息 (manual 2.2.3): server-paged list, filters, enable/disable, delete. */
export function useDepartments() {
  /** What the filter inputs show; `applied` is what the list was asked for (on 查询 / Enter). */
  const filter = reactive({ name: "", enabled: "" as EnabledFilter });
  const applied = reactive({ name: "", enabled: "" as EnabledFilter });
  const paging = usePagination({ pageSize: 10, resetOn: [() => ({ ...applied })] });

  const variables = computed(() => ({
    filter: {
      name: applied.name.trim() || undefined,
      enabled: applied.enabled === "" ? undefined : applied.enabled === "enabled",
    },
    page: paging.page,
    pageSize: paging.pageSize,
  }));
  const { result, loading, error, refetch } = useQuery(DepartmentsDocument, variables, {
    fetchPolicy: "cache-and-network",
  });
  watch(error, (e) => e && reportError(e));

  const rows = computed(() => result.value?.departments.items ?? []);
  const total = computed(() => result.value?.departments.total ?? 0);
  const filtered = computed(() => !!applied.name.trim() || applied.enabled !== "");

  function search() {
    const unchanged = applied.name === filter.name && applied.enabled === filter.enabled;
    Object.assign(applied, filter);
    // Same filter again = "reload"; a changed filter reloads by itself (reactive variables).
    if (unchanged) void refetch();
  }
  function resetFilter() {
    Object.assign(filter, { name: "", enabled: "" });
    search();
  }

  /** Row being switched or deleted (spinner on that row's button). */
  const busyId = ref<number | null>(null);
  const { mutate: setEnabled } = useMutation(SetDepartmentEnabledDocument);
  const { mutate: remove } = useMutation(DeleteDepartmentDocument);

  async function toggleEnabled(row: DepartmentFieldsFragment) {
    const enabling = !row.enabled;
    if (!enabling) {
      const ok = await confirmAction(`停用后，医师报名时将无法选择“${row.name}”。确定停用该科室吗？`, {
        title: "停用科室",
        confirmText: "停用",
      });
      if (!ok) return;
    }
    busyId.value = row.id;
    try {
      await setEnabled({ id: row.id, enabled: enabling });
      ElMessage.success(enabling ? `已启用科室“${row.name}”` : `已停用科室“${row.name}”`);
      await refetch();
    } catch (err) {
      reportError(err);
    } finally {
      busyId.value = null;
    }
  }

  async function removeRow(row: DepartmentFieldsFragment) {
    const ok = await confirmAction(`确定删除科室“${row.name}”吗？删除后不可恢复。`, {
      title: "删除科室",
      confirmText: "删除",
      danger: true,
    });
    if (!ok) return;
    busyId.value = row.id;
    try {
      await remove({ id: row.id });
      ElMessage.success(`已删除科室“${row.name}”`);
      if (rows.value.length === 1 && paging.page > 1) paging.page -= 1;
      await refetch();
    } catch (err) {
      reportError(err);
    } finally {
      busyId.value = null;
    }
  }

  return {
    filter,
    paging,
    rows,
    total,
    loading,
    filtered,
    search,
    resetFilter,
    refetch,
    busyId,
    toggleEnabled,
    removeRow,
  };
}
