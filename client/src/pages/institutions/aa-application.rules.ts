import type { FormRules } from "element-plus";
import { fileKindMessage, LIMITS, lengthRule, SNIFF_BYTES, sniffFileKind } from "@/common/rules";

export interface AaApplicationForm {
  statement: string;
  bedCount: number | null;
  physicianCount: number | null;
  /** Chosen files that passed the checks (el-upload keeps them until submit). */
  files: File[];
  /** How many listed files failed a check: they stay in the list, marked, until removed. */
  refused: number;
}

export const ACCEPTED_TYPES: Record<string, string> = {
  "application/pdf": "PDF",
  "image/jpeg": "JPEG",
  "image/png": "PNG",
};
export const ACCEPT_ATTRIBUTE = ".pdf,.jpg,.jpeg,.png,application/pdf,image/jpeg,image/png";
export const MAX_FILES = 10;
export const MAX_FILE_BYTES = 20 * 1024 * 1024;

/** Why a chosen file cannot be sent, or null (the server checks the content again). */
export function fileProblem(file: File): string | null {
  const byType = ACCEPTED_TYPES[file.type];
  const byName = /\.(pdf|jpe?g|png)$/i.test(file.name);
  if (!byType && !byName) return `“${file.name}”格式不支持，仅支持 PDF、JPG、PNG 文件`;
  if (file.size > MAX_FILE_BYTES) return `“${file.name}”超过 20 MB，请压缩后再上传`;
  if (file.size === 0) return `“${file.name}”是空文件`;
  return null;
}

/**
 * Why the server would refuse the file's content, or null: its first bytes, read as soon as it is chosen, with the
 * server's own signatures and words (rules/src/file-kinds.js). A renamed Word or HTML file is caught here.
 */
export async function contentProblem(file: File): Promise<string | null> {
  const head = new Uint8Array(await file.slice(0, SNIFF_BYTES).arrayBuffer());
  return sniffFileKind(head) ? null : fileKindMessage(file.name);
}

const count = (label: string) => [
  { required: true, type: "number" as const, message: `请填写${label}`, trigger: "blur" },
  { type: "integer" as const, min: 0, message: `${label}须为不小于 0 的整数`, trigger: "blur" },
];

/** The form's rules; `form` for the files rule (an item's validator sees only its own field's value). */
export const aaApplicationRules = (form: AaApplicationForm): FormRules<AaApplicationForm> => ({
  statement: [
    { required: true, whitespace: true, message: "请填写申请说明", trigger: "blur" },
    lengthRule(LIMITS.aaApplicationNote),
  ],
  bedCount: count("床位数"),
  physicianCount: count("医师人数"),
  files: [
    { type: "array", required: true, min: 1, message: "请上传申请材料", trigger: "change" },
    {
      validator: (_rule, _value, callback) =>
        callback(form.refused ? `有 ${form.refused} 个文件未通过检查，请移除后再提交` : undefined),
      trigger: "change",
    },
  ],
});
