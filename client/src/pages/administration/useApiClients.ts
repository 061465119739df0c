import { computed, reactive, ref } from "vue";
import { useMutation, useQuery } from "@vue/apollo-composable";
import { ElMessage } from "element-plus";
import { confirmAction } from "@/common/confirm";
import { reportError, toFailure } from "@/common/errors";
import {
  AdminApiClientsDocument,
  CreateApiClientDocument,
  RevokeApiClientDocument,
  type AdminApiClientFragment,
  type ApiPermission,
} from "@/gql/graphql";

export const PERMISSION: Record<ApiPermission, string> = {
  RECORD_SNAPSHOTS: "上传监考照片",
  RECORD_TEST_RESULTS: "开考、交卷、录入测评成绩",
};

/** 接口客户端 (province): create (the token shown once), revoke, last use. */
export function useApiClients() {
  const { result, loading, error, refetch } = useQuery(AdminApiClientsDocument, null, {
    fetchPolicy: "cache-and-network",
  });
  const clients = computed(() => result.value?.apiClients ?? []);
  const failure = computed(() => (error.value ? toFailure(error.value) : null));
  const reload = () => void refetch()?.catch(() => undefined);

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

  return { clients, loading, failure, reload, form, token, saving, openCreate, submit, revoke };
}
