import { computed, ref, watch, type Ref } from "vue";
import { useRouter } from "vue-router";
import { useQuery } from "@vue/apollo-composable";
import { toFailure } from "@/common/errors";
import { VerifyCertificateDocument } from "@/gql/graphql";
import { RouteName } from "@/router/names";

/** 证明编号 as printed on certificates, e.g. GX2024-0000038. */
const MAX_NUMBER_LENGTH = 40;
/** 核验码 as printed beside the number: 12 characters, XXXX-XXXX-XXXX. */
const CODE_PATTERN = /^[0-9A-Z]{12}$/;
const bareCode = (code: string) => code.toUpperCase().replace(/[\s-]/g, "");
/** Shown as printed: XXXX-XXXX-XXXX. */
const printedCode = (code: string) =>
  bareCode(code)
    .match(/.{1,4}/g)
    ?.join("-") ?? "";

/**
 * 合格证明核验 (what the certificate's QR code opens): public, no sign-in. Needs the number and its verification
 * code (both in the QR's address). Shows whether they belong to a genuine, valid certificate (name masked), a
 * revoked one, or none; another certificate can be checked.
 */
export function useVerify(number: Ref<string>, code: Ref<string>) {
  const router = useRouter();
  const wanted = computed(() => number.value.trim());
  const wantedCode = computed(() => bareCode(code.value));
  const { result, loading, error, refetch } = useQuery(
    VerifyCertificateDocument,
    () => ({ number: wanted.value, code: wantedCode.value }),
    () => ({ enabled: !!wanted.value && !!wantedCode.value, fetchPolicy: "network-only" }),
  );
  const verification = computed(() =>
    result.value?.verifyCertificate.number === wanted.value.toUpperCase() ? result.value.verifyCertificate : null,
  );
  const failure = computed(() => (error.value ? toFailure(error.value) : null));

  /** The inputs for another certificate. */
  const input = ref(number.value);
  const codeInput = ref(printedCode(code.value));
  watch(number, (n) => (input.value = n));
  watch(code, (c) => (codeInput.value = printedCode(c)));
  const inputError = ref("");
  const codeError = ref("");

  async function check() {
    const value = input.value.trim();
    const c = bareCode(codeInput.value);
    inputError.value = !value ? "请输入证明编号" : value.length > MAX_NUMBER_LENGTH ? "证明编号过长，请核对" : "";
    codeError.value = !c
      ? "请输入核验码（印在证明编号旁）"
      : !CODE_PATTERN.test(c)
        ? "核验码为 12 位字母或数字，如 7K3M-Q9TD-2HXA"
        : "";
    if (inputError.value || codeError.value) return;
    if (value === wanted.value && c === wantedCode.value) await refetch();
    else await router.push({ name: RouteName.verify, params: { number: value }, query: { code: c } });
  }

  return {
    wanted,
    wantedCode,
    verification,
    loading,
    failure,
    input,
    codeInput,
    inputError,
    codeError,
    check,
    refetch,
  };
}
