import { computed, reactive, ref } from "vue";
import { useMutation, useQuery } from "@vue/apollo-composable";
import { ElMessage, type FormInstance } from "element-plus";
import { reportError, useServerErrors } from "@/common/errors";
import { ChangePasswordDocument, PasswordPolicyDocument, type MeFieldsFragment } from "@/gql/graphql";
import { checkPassword, passwordRules, type PasswordForm, type PasswordPolicyLike } from "./password.rules";
import { currentMe, setMe } from "./session";

const FALLBACK_POLICY: PasswordPolicyLike = {
  minLength: 8,
  minClasses: 3,
  text: "密码长度不少于8位且至少包含大写字母、小写字母、数字和特殊符号中的任意三种",
};

/** 修改密码 (manual 2.2.1 (3)(4)): policy from the server, checked live while typing; the server has the last word. */
export function usePasswordChange(onChanged: (me: MeFieldsFragment) => void | Promise<void>) {
  const formRef = ref<FormInstance>();
  const form = reactive<PasswordForm>({ oldPassword: "", newPassword: "", confirmPassword: "" });
  const { result: policyResult } = useQuery(PasswordPolicyDocument, null, { fetchPolicy: "cache-first" });
  const policy = computed<PasswordPolicyLike>(() => policyResult.value?.passwordPolicy ?? FALLBACK_POLICY);
  const username = () => currentMe.value?.username ?? "";
  const check = computed(() => checkPassword(form.newPassword, policy.value, form.oldPassword, username()));
  const rules = passwordRules(form, () => policy.value, username);
  const { serverErrors, apply, clear } = useServerErrors(["oldPassword", "newPassword"] as const);
  const { mutate, loading: saving } = useMutation(ChangePasswordDocument);

  async function submit() {
    clear();
    if (!(await formRef.value?.validate().catch(() => false))) return;
    try {
      const res = await mutate({ input: { oldPassword: form.oldPassword, newPassword: form.newPassword } });
      const me = res?.data?.changePassword;
      if (!me) return;
      setMe(me);
      // Above the dialogs the next page may open at once (the home page's 考核周期告知 after the first sign-in):
      // a message shown before them would otherwise stay under their overlay (styles/index.css, .pa-message-top).
      ElMessage.success({ message: "密码修改成功，请牢记新密码", customClass: "pa-message-top" });
      formRef.value?.resetFields();
      await onChanged(me);
    } catch (err) {
      reportError(err, apply);
    }
  }

  return { formRef, form, rules, policy, check, serverErrors, saving, submit };
}
