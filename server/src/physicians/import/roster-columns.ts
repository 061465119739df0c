/** The roster template's columns: header text (as users see it in Excel) → field. `*` marks required ones. */
export const ROSTER_COLUMNS = [
  { header: "姓名*", field: "name", example: "张三", required: true },
  { header: "身份证号码*", field: "idNumber", example: "450102198001011237", required: true },
  { header: "手机号码", field: "phone", example: "13807710000", required: false },
  { header: "医师资格证书编码", field: "qualificationCertNo", example: "200845110450102198001011234", required: false },
  { header: "医师执业证书编码", field: "practiceCertNo", example: "110450100012345", required: false },
  { header: "执业类别*", field: "category", example: "临床", required: true },
  { header: "执业范围*", field: "scopes", example: "内科专业、急救医学专业", required: true },
  { header: "医师级别*", field: "level", example: "执业医师", required: true },
  { header: "职称", field: "title", example: "主治医师", required: false },
  { header: "首次执业日期", field: "firstPracticeDate", example: "2008-07-01", required: false },
  { header: "科室", field: "departmentName", example: "心血管内科", required: false },
  { header: "执业状态", field: "practisingStatus", example: "执业中", required: false },
  { header: "其他执业机构", field: "otherSites", example: "南宁市第二人民医院", required: false },
  { header: "所属机构统一社会信用代码", field: "institutionCreditCode", example: "", required: false },
] as const;

export type RosterField = (typeof ROSTER_COLUMNS)[number]["field"];

const byHeader = new Map<string, RosterField>(ROSTER_COLUMNS.map((c) => [c.header.replace("*", ""), c.field]));

/** Maps a header row to fields, tolerating the asterisk, spaces and full-width characters users type. */
export function mapHeaders(headers: string[]): { fields: (RosterField | null)[]; missing: string[] } {
  const fields = headers.map((h) => byHeader.get(String(h ?? "").replace(/[*＊\s]/g, "")) ?? null);
  const missing = ROSTER_COLUMNS.filter((c) => c.required && !fields.includes(c.field)).map((c) =>
    c.header.replace("*", ""),
  );
  return { fields, missing };
}

/** Splits a multi-value cell (执业范围, 其他执业机构) on the separators people use. */
export const splitList = (value: string) =>
  value
    .split(/[、,，;；/|\n]+/)
    .map((s) => s.trim())
    .filter(Boolean);
