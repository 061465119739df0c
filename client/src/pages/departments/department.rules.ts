import type { FormRules } from "element-plus";
import { LIMITS, lengthRule } from "@/common/rules";

export interface DepartmentForm {
  name: string;
  subjectCodes: string[];
}

export const departmentRules: FormRules<DepartmentForm> = {
  name: [
    { required: true, whitespace: true, message: "请填写科室名称", trigger: "blur" },
    lengthRule(LIMITS.departmentName),
  ],
  subjectCodes: [{ type: "array", required: true, min: 1, message: "请至少选择一个诊疗科目", trigger: "change" }],
};
