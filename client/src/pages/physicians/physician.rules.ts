import type { FormItemRule, FormRules } from "element-plus";
import { idNumberProblem } from "@/common/id-number";
import type { PhysicianLevel } from "@/gql/graphql";
import { LIMITS, lengthRule, PHONE_PATTERN } from "@/common/rules";

export interface PracticeSiteForm {
  institutionName: string;
  /** YYYY-MM-DD or "" */
  startDate: string;
  endDate: string;
}

/** 新增医师 / 编辑 (PhysicianInput). Dates are YYYY-MM-DD strings, "" when empty. */
export interface PhysicianForm {
  name: string;
  idNumber: string;
  phone: string;
  categoryCode: string;
  scopeCodes: string[];
  level: PhysicianLevel | "";
  title: string;
  firstPracticeDate: string;
  departmentId: number | "";
  qualificationCertNo: string;
  practiceCertNo: string;
  otherPracticeSites: PracticeSiteForm[];
}

/** The names the server uses in `extensions.fields` for this form (see physician-record validation). */
export const PHYSICIAN_FIELDS = [
  "name",
  "idNumber",
  "phone",
  "category",
  "scopes",
  "level",
  "title",
  "firstPracticeDate",
  "department",
  "qualificationCertNo",
  "practiceCertNo",
  "otherPracticeSites",
] as const;

/** Form prop of a server field, for scrolling to it. */
export const FORM_PROP: Record<(typeof PHYSICIAN_FIELDS)[number], keyof PhysicianForm> = {
  name: "name",
  idNumber: "idNumber",
  phone: "phone",
  category: "categoryCode",
  scopes: "scopeCodes",
  level: "level",
  title: "title",
  firstPracticeDate: "firstPracticeDate",
  department: "departmentId",
  qualificationCertNo: "qualificationCertNo",
  practiceCertNo: "practiceCertNo",
  otherPracticeSites: "otherPracticeSites",
};

const CERT = /^[A-Za-z0-9]{1,32}$/;
const NAME = /^[\p{Script=Han}A-Za-z·．. ]+$/u;

const required = (message: string, trigger: "blur" | "change" = "blur"): FormItemRule => ({
  required: true,
  whitespace: true,
  message,
  trigger,
});

export const physicianRules: FormRules<PhysicianForm> = {
  name: [
    required("请填写姓名"),
    lengthRule(LIMITS.physicianName),
    { pattern: NAME, message: "姓名只能包含汉字、字母和间隔号", trigger: "blur" },
  ],
  idNumber: [
    required("请填写身份证号码"),
    {
      trigger: "blur",
      validator: (_r, value: string, cb) => {
        const problem = value ? idNumberProblem(value) : null;
        return problem ? cb(new Error(problem)) : cb();
      },
    },
  ],
  phone: [{ pattern: PHONE_PATTERN, message: "手机号码格式不正确", trigger: "blur" }],
  categoryCode: [required("请选择执业类别", "change")],
  scopeCodes: [{ type: "array", required: true, min: 1, message: "请选择执业范围", trigger: "change" }],
  level: [required("请选择医师级别", "change")],
  qualificationCertNo: [{ pattern: CERT, message: "医师资格证书编码只能包含字母和数字，最多32位", trigger: "blur" }],
  practiceCertNo: [{ pattern: CERT, message: "医师执业证书编码只能包含字母和数字，最多32位", trigger: "blur" }],
};
