import { reactive, ref } from "vue";
import { useMutation } from "@vue/apollo-composable";
import { ElMessage } from "element-plus";
import { confirmAction } from "@/common/confirm";
import { reportError, toFailure } from "@/common/errors";
import type { RowAction } from "@/components/list/columns";
import { useList } from "@/components/list/useList";
import {
  AdminApiClientPageDocument,
  CreateApiClientDocument,
  RevokeApiClientDocument,
  type AdminApiClientFragment,
  type ApiPermission,
} from "@/gql/graphql";

/** 接口客户端 (province): the clients a page at a time, create (the token shown once), revoke, last use. */
export function useApiClients() {
  const list = useList({
    query: AdminApiClientPageDocument,
    filters: [],
    variables: (_f, paging) => paging,
    rows: (data) => data.apiClientPage,
    empty: "尚未创建接口客户端",
  });
  const reload = () => void list.reload();

  const form = reactive({
    visible: false,
    name: "",
    regionPath: [] as string[],
    permissions: [] as ApiPermission[],
    expiresInDays: 365,
    errors: {} as Record<string, string>,
  });
  const token = ref<string | null>(null);
  const saving = ref(false);
  const { mutate: create } = useMutation(CreateApiClientDocument);
  const { mutate: revokeMutate } = useMutation(RevokeApiClientDocument);

  function openCreate() {
    Object.assign(form, { visible: true, name: "", regionPath: [], permissions: [], expiresInDays: 365, errors: {} });
  }

  async function submit() {
    form.errors = {};
    if (!form.name.trim()) form.errors.name = "请填写客户端名称";
    if (!form.regionPath.length) form.errors.regionCode = "请选择数据范围";
    if (Object.keys(form.errors).length) return;
    saving.value = true;
    try {
      const res = await create({
        input: {
          name: form.name.trim(),
          regionCode: form.regionPath[form.regionPath.length - 1],
          permissions: form.permissions,
          expiresInDays: form.expiresInDays || null,
        },
      });
      form.visible = false;
      token.value = res?.data?.createApiClient.token ?? null;
      reload();
    } catch (err) {
      const f = toFailure(err);
      if (f.code === "BAD_USER_INPUT" && f.fields.length) {
        for (const field of f.fields) form.errors[field.field] = field.message;
      } else reportError(err);
    } finally {
      saving.value = false;
    }
  }

  async function revoke(c: AdminApiClientFragment) {
    const ok = await confirmAction(`吊销“${c.name}”？吊销后其令牌立即失效，不能恢复。`, {
      title: "吊销客户端",
      confirmText: "吊销",
      danger: true,
    });
    if (!ok) return;
    try {
      await revokeMutate({ id: c.id });
      ElMessage.success("已吊销");
      reload();
    } catch (err) {
      reportError(err);
    }
  }

  const actions: RowAction<AdminApiClientFragment>[] = [
    { key: "revoke", label: "吊销", type: "danger", visible: (c) => !c.revokedAt, onClick: revoke },
  ];
  return { list, actions, form, token, saving, openCreate, submit };
}
