import { ref } from "vue";
import { useMutation } from "@vue/apollo-composable";
import { ElMessage } from "element-plus";
import { confirmAction } from "@/common/confirm";
import { reportError } from "@/common/errors";
import { useList } from "@/components/list/useList";
import {
  AdministeredAccountsDocument,
  ResetAccountPasswordDocument,
  UnlockAccountDocument,
  type AdminAccountRowFragment,
} from "@/gql/graphql";
import { adminAccountActions, adminAccountFilters } from "./accounts.list";

/** 账户管理: what institutions are sent to their 上级卫生行政部门 for (manual 2.2.1): reset and unlock. */
export function useAdminAccounts() {
  const list = useList({
    query: AdministeredAccountsDocument,
    filters: adminAccountFilters,
    variables: (f, paging) => ({
      filter: { search: f.search || undefined, kind: f.kind || undefined },
      ...paging,
    }),
    rows: (data) => data.administeredAccounts,
    empty: ({ filtered }) => (filtered ? "没有符合条件的账户" : "本辖区暂无账户"),
  });

  const busyId = ref<number | null>(null);
  const { mutate: resetMutate } = useMutation(ResetAccountPasswordDocument);
  const { mutate: unlockMutate } = useMutation(UnlockAccountDocument);

  async function run(row: AdminAccountRowFragment, work: () => Promise<unknown>, done: string) {
    busyId.value = row.id;
    try {
      await work();
      ElMessage.success(done);
      await list.reload();
    } catch (err) {
      reportError(err);
    } finally {
      busyId.value = null;
    }
  }

  async function reset(row: AdminAccountRowFragment) {
    const ok = await confirmAction(
      `将“${row.displayName}”（${row.username}）的密码重置为初始密码 666666？该账户下次登录须先修改密码，已登录的会话将退出。`,
      { title: "重置密码", confirmText: "重置", danger: true },
    );
    if (ok) await run(row, () => resetMutate({ accountId: row.id }), "密码已重置为 666666，下次登录须修改");
  }

  async function unlock(row: AdminAccountRowFragment) {
    const ok = await confirmAction(`解除“${row.displayName}”（${row.username}）因连续登录失败造成的锁定？`, {
      title: "解除锁定",
      confirmText: "解除锁定",
    });
    if (ok) await run(row, () => unlockMutate({ accountId: row.id }), "已解除锁定");
  }

  const actions = adminAccountActions({ reset, unlock, busy: (a) => busyId.value === a.id });
  return { list, actions };
}
