import { computed, ref, watch, type Ref } from "vue";
import { useRouter } from "vue-router";
import { useQuery } from "@vue/apollo-composable";
import { toFailure } from "@/common/errors";
import { VerifyCertificateDocument } from "@/gql/graphql";
import { RouteName } from "@/router/names";

/** 证明编号 as printed on certificates, e.g. GX2024-0000038. */
const MAX_NUMBER_LENGTH = 40;

/**
 * 合格证明核验 (what the certificate's QR code opens): public, no sign-in. Shows whether the number belongs
 * to a genuine, valid certificate (name masked), a revoked one, or none; another number can be checked.
 */
export function useVerify(number: Ref<string>) {
  const router = useRouter();
  const wanted = computed(() => number.value.trim());
  const { result, loading, error, refetch } = useQuery(
    VerifyCertificateDocument,
    () => ({ number: wanted.value }),
    () => ({ enabled: !!wanted.value, fetchPolicy: "network-only" }),
  );
  const verification = computed(() =>
    result.value?.verifyCertificate.number === wanted.value ? result.value.verifyCertificate : null,
  );
  const failure = computed(() => (error.value ? toFailure(error.value) : null));

  /** The input for another number. */
  const input = ref(number.value);
  watch(number, (n) => (input.value = n));
  const inputError = ref("");

  async function check() {
    const value = input.value.trim();
    if (!value) {
      inputError.value = "请输入证明编号";
      return;
    }
    if (value.length > MAX_NUMBER_LENGTH) {
      inputError.value = "证明编号过长，请核对";
      return;
    }
    inputError.value = "";
    if (value === wanted.value) await refetch();
    else await router.push({ name: RouteName.verify, params: { number: value } });
  }

  return { wanted, verification, loading, failure, input, inputError, check, refetch };
}
