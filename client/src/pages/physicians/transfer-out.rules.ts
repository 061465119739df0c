import type { FormRules } from "element-plus";
import { LIMITS, lengthRule } from "@/common/rules";

export interface TransferOutForm {
  reason: string;
  note: string;
}

/** The reason that needs an explanation (referenceLists.transferOutReasons ends with 其他). */
export const OTHER_REASON = "其他";

export const transferOutRules: FormRules<TransferOutForm> = {
  reason: [{ required: true, message: "请选择调离原因", trigger: "change" }],
  note: [
    lengthRule(LIMITS.transferOutNote),
    {
      trigger: "blur",
      validator: (_r, value: string, cb, source) =>
        (source as TransferOutForm).reason === OTHER_REASON && !value?.trim()
          ? cb(new Error("调离原因为“其他”时请填写补充说明"))
          : cb(),
    },
  ],
};
