import type { FormItemRule, FormRules } from "element-plus";
import { creditCodeProblem } from "@/common/credit-code";
import { LIMITS, lengthRule, PHONE_MESSAGE, PHONE_PATTERN } from "@/common/rules";

/** The 本机构信息 form (the region is the administration's to set: see useJurisdictionChange). */
export interface ProfileForm {
  name: string;
  creditCode: string;
  licenseNo: string;
  type: string;
  levelCode: string;
  natureCode: string;
  address: string;
  legalRepresentative: string;
  contactPerson: string;
  contactPhone: string;
  bedCount: number | null;
}

export { PHONE_PATTERN };

/** The form items' labels, for messages that name the fields to correct. */
export const PROFILE_LABELS: Record<keyof ProfileForm, string> = {
  name: "机构名称",
  creditCode: "统一社会信用代码",
  licenseNo: "执业许可证登记号",
  type: "机构类别",
  levelCode: "机构级别",
  natureCode: "经营性质",
  address: "详细地址",
  legalRepresentative: "法定代表人/主要负责人",
  contactPerson: "联系人",
  contactPhone: "联系电话",
  bedCount: "床位数",
};

const required = (message: string, trigger: "blur" | "change" = "blur"): FormItemRule => ({
  required: true,
  whitespace: true,
  message,
  trigger,
});

export const profileRules: FormRules<ProfileForm> = {
  name: [required("请填写机构名称"), lengthRule(LIMITS.institutionName)],
  creditCode: [
    required("请填写统一社会信用代码"),
    {
      trigger: "blur",
      validator: (_r, value: string, cb) => {
        const problem = value ? creditCodeProblem(value) : null;
        return problem ? cb(new Error(problem)) : cb();
      },
    },
  ],
  licenseNo: [required("请填写医疗机构执业许可证登记号"), lengthRule(LIMITS.licenseNo)],
  type: [required("请选择机构类别", "change")],
  levelCode: [required("请选择机构级别", "change")],
  natureCode: [required("请选择经营性质", "change")],
  address: [required("请填写详细地址"), lengthRule(LIMITS.address)],
  legalRepresentative: [required("请填写法定代表人"), lengthRule(LIMITS.legalRepresentative)],
  contactPerson: [required("请填写联系人"), lengthRule(LIMITS.contactPerson)],
  contactPhone: [
    required("请填写联系电话"),
    lengthRule(LIMITS.phone),
    { pattern: PHONE_PATTERN, message: PHONE_MESSAGE, trigger: "blur" },
  ],
};
