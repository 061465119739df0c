import type { FormRules } from "element-plus";

/** 【新增意见】: another practice site's opinion on a physician practising at several institutions. */
export interface OpinionForm {
  institutionName: string;
  opinion: string;
}

export const opinionRules: FormRules<OpinionForm> = {
  institutionName: [
    { required: true, whitespace: true, message: "请填写其他执业机构名称", trigger: "blur" },
    { max: 128, message: "机构名称不能超过128个字", trigger: "blur" },
  ],
  opinion: [
    { required: true, whitespace: true, message: "请填写机构意见", trigger: "blur" },
    { max: 1000, message: "机构意见不能超过1000字", trigger: "blur" },
  ],
};
