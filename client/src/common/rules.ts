import type { FormItemRule } from "element-plus";
// The rules the server checks too, from the shared workspace package (rules/): the ID-number and credit-code
// checks, the phone pattern, field length limits and error codes are one declaration for both sides.
import type { LengthLimit } from "../../../rules/src/index.js";

export * from "../../../rules/src/index.js";

/** An el-form length rule from a shared limit (its `max` also goes to the input's `maxlength`). */
export const lengthRule = (limit: LengthLimit): FormItemRule => ({
  max: limit.max,
  message: limit.message,
  trigger: "blur",
});
