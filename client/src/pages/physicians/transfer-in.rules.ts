import type { FormRules } from "element-plus";
import { idNumberProblem } from "@/common/id-number";

export interface TransferInForm {
  idNumber: string;
}

export const transferInRules: FormRules<TransferInForm> = {
  idNumber: [
    { required: true, whitespace: true, message: "请输入证件号码（15 位或 18 位身份证号码）", trigger: "submit" },
    {
      trigger: "submit",
      validator: (_r, value: string, cb) => {
        const problem = value ? idNumberProblem(value) : null;
        return problem ? cb(new Error(problem)) : cb();
      },
    },
  ],
};
