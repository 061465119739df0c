import { computed, reactive, ref } from "vue";
import { useMutation, useQuery } from "@vue/apollo-composable";
import { ElMessage, type FormInstance, type FormRules } from "element-plus";
import { reportError, useServerErrors } from "@/common/errors";
import { MyJurisdictionChangeRequestsDocument, RequestJurisdictionChangeDocument } from "@/gql/graphql";

interface ChangeForm {
  region: string[];
  reason: string;
}

export const jurisdictionChangeRules: FormRules<ChangeForm> = {
  region: [
    {
      required: true,
      trigger: "change",
      validator: (_r, value: string[], cb) =>
        value?.length === 3 ? cb() : cb(new Error("请选择变更后的所在地区（须选择到县/区）")),
    },
  ],
  reason: [
    { required: true, whitespace: true, message: "请填写申请理由", trigger: "blur" },
    { max: 500, message: "申请理由不能超过500字", trigger: "blur" },
  ],
};

/**
 * 申请变更 on 本机构信息: the region, the superior administration and the assessment institution are set by the
 * administration; the institution asks for a change, which its superior administration approves or refuses.
 * The latest request and its state are shown beside the region.
 */
export function useJurisdictionChange() {
  const { result, refetch } = useQuery(MyJurisdictionChangeRequestsDocument, null, { fetchPolicy: "network-only" });
  const latest = computed(() => result.value?.myJurisdictionChangeRequests[0] ?? null);
  const pending = computed(() => (latest.value?.status === "PENDING" ? latest.value : null));

  const dialogOpen = ref(false);
  const formRef = ref<FormInstance>();
  const form = reactive<ChangeForm>({ region: [], reason: "" });
  const { serverErrors, apply, clear } = useServerErrors(["countyCode", "reason"] as const);
  const { mutate, loading: sending } = useMutation(RequestJurisdictionChangeDocument);

  function open() {
    clear();
    Object.assign(form, { region: [], reason: "" });
    dialogOpen.value = true;
  }

  async function send() {
    clear();
    if (!(await formRef.value?.validate().catch(() => false))) return;
    try {
      await mutate({ input: { countyCode: form.region[2], reason: form.reason.trim() } });
      dialogOpen.value = false;
      ElMessage.success("变更申请已提交，请等待上级卫生行政部门审批");
      await refetch();
    } catch (err) {
      reportError(err, apply);
      await refetch();
    }
  }

  return { latest, pending, dialogOpen, formRef, form, serverErrors, sending, open, send };
}
