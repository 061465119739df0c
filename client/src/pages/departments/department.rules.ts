import type { FormRules } from "element-plus";

export interface DepartmentForm {
  name: string;
  subjectCodes: string[];
}

export const departmentRules: FormRules<DepartmentForm> = {
  name: [
    { required: true, whitespace: true, message: "请填写科室名称", trigger: "blur" },
    { max: 64, message: "科室名称不能超过64个字", trigger: "blur" },
  ],
  subjectCodes: [{ type: "array", required: true, min: 1, message: "请至少选择一个诊疗科目", trigger: "change" }],
};
