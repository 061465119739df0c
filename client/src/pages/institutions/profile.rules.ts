import type { FormItemRule, FormRules } from "element-plus";
import { creditCodeProblem } from "@/common/credit-code";

/** The 本机构信息 form; `region` is the province/city/county path, of which the county is sent. */
export interface ProfileForm {
  name: string;
  creditCode: string;
  licenseNo: string;
  type: string;
  levelCode: string;
  natureCode: string;
  region: string[];
  address: string;
  legalRepresentative: string;
  contactPerson: string;
  contactPhone: string;
  bedCount: number | null;
}

/** Mobile number, or landline with area code (as the server's PHONE_PATTERN). */
export const PHONE_PATTERN = /^(1[3-9]\d{9}|0\d{2,3}-?\d{7,8}(-\d{1,6})?)$/;

const required = (message: string, trigger: "blur" | "change" = "blur"): FormItemRule => ({
  required: true,
  whitespace: true,
  message,
  trigger,
});

export const profileRules: FormRules<ProfileForm> = {
  name: [required("请填写机构名称"), { max: 128, message: "机构名称不能超过128个字", trigger: "blur" }],
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
  licenseNo: [
    required("请填写医疗机构执业许可证登记号"),
    { max: 64, message: "执业许可证登记号不能超过64位", trigger: "blur" },
  ],
  type: [required("请选择机构类别", "change")],
  levelCode: [required("请选择机构级别", "change")],
  natureCode: [required("请选择经营性质", "change")],
  region: [
    {
      required: true,
      trigger: "change",
      validator: (_r, value: string[], cb) =>
        value?.length === 3 ? cb() : cb(new Error("请选择所在地区（须选择到县/区）")),
    },
  ],
  address: [required("请填写详细地址"), { max: 255, message: "地址不能超过255个字", trigger: "blur" }],
  legalRepresentative: [
    required("请填写法定代表人"),
    { max: 64, message: "法定代表人不能超过64个字", trigger: "blur" },
  ],
  contactPerson: [required("请填写联系人"), { max: 64, message: "联系人不能超过64个字", trigger: "blur" }],
  contactPhone: [
    required("请填写联系电话"),
    { pattern: PHONE_PATTERN, message: "联系电话格式不正确，请填写手机号或带区号的固定电话", trigger: "blur" },
  ],
};
