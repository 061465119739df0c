import { reactive, ref } from "vue";
import { useRoute, useRouter } from "vue-router";
import type { FormInstance } from "element-plus";
import { apolloClient } from "@/apollo/client";
import { toFailure } from "@/common/errors";
import { LoginDocument } from "@/gql/graphql";
import { landingRouteFor } from "@/layout/menu";
import { RouteName } from "@/router/names";
import { safeRedirect } from "@/router/guards";
import type { LoginForm } from "./login.rules";
import { setMe } from "./session";

/** 登录 (manual 2.2.1): signs in, then goes back to where the user was heading, or to the password page. */
export function useLogin() {
  const route = useRoute();
  const router = useRouter();
  const formRef = ref<FormInstance>();
  const form = reactive<LoginForm>({ username: "", password: "" });
  const submitting = ref(false);
  /** Shown above the button: wrong password, locked account, network trouble. */
  const failure = ref<string | null>(null);
  const expired = ref(route.query.expired === "1");

  async function submit() {
    if (!(await formRef.value?.validate().catch(() => false))) return;
    submitting.value = true;
    failure.value = null;
    try {
      await apolloClient.clearStore();
      const { data } = await apolloClient.mutate({
        mutation: LoginDocument,
        variables: { input: { username: form.username.trim(), password: form.password } },
      });
      const me = data!.login;
      setMe(me);
      expired.value = false;
      const redirect = safeRedirect(route.query.redirect);
      if (me.mustChangePassword) {
        await router.replace({ name: RouteName.firstPassword, query: redirect ? { redirect } : undefined });
      } else {
        await router.replace(redirect ?? { name: landingRouteFor(me) });
      }
    } catch (err) {
      failure.value = toFailure(err).message;
      form.password = "";
    } finally {
      submitting.value = false;
    }
  }

  return { formRef, form, submitting, failure, expired, submit };
}
