import { ref } from "vue";
import { useMutation } from "@vue/apollo-composable";
import { ElMessage } from "element-plus";
import { confirmAction } from "@/common/confirm";
import { reportError } from "@/common/errors";
import { useList } from "@/components/list/useList";
import {
  DeleteDepartmentDocument,
  DepartmentsDocument,
  SetDepartmentEnabledDocument,
  type DepartmentFieldsFragment,
} from "@/gql/graphql";
import { departmentActions, departmentFilters } from "./departments.list";

/** 科室信息 (manual 2.2.3): server-paged list, filters, enable/disable, delete. */
export function useDepartments(edit: (d: DepartmentFieldsFragment) => unknown) {
  const list = useList({
    query: DepartmentsDocument,
    filters: departmentFilters,
    variables: (f, paging) => ({
      filter: { name: f.name || undefined, enabled: f.enabled === "" ? undefined : f.enabled === "enabled" },
      ...paging,
    }),
    rows: (data) => data.departments,
    empty: ({ filtered }) => (filtered ? "没有符合条件的科室" : "暂无科室，请点击“创建科室”添加"),
  });

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
      await list.reload();
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
      // The list goes to the last page by itself when this was the only row of the last one.
      await list.reload();
    } catch (err) {
      reportError(err);
    } finally {
      busyId.value = null;
    }
  }

  const actions = departmentActions({
    edit,
    toggle: toggleEnabled,
    remove: removeRow,
    busy: (d) => busyId.value === d.id,
  });

  return { list, actions };
}
