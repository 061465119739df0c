import { ref } from "vue";
import { toFailure } from "@/common/errors";

/** Why the last session probe failed (network down, server error): what the 无法连接服务器 page says. */
export const unreachableReason = ref("");

export function rememberUnreachable(err: unknown) {
  unreachableReason.value = toFailure(err).message;
}
