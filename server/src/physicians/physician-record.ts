import { categoryByCode, categoryByName, referenceLists, titleNames } from "../catalogs/catalog";
import { idNumberFacts, normalizeIdNumber } from "../common/id-number";
import type { Department } from "../departments/department.entity";
import { LIMITS, PHONE_PATTERN } from "../common/rules";
import { Gender, PhysicianLevel, type OtherPracticeSite } from "./physician.entity";

/**
 * One set of rules for a physician record, whether it comes from the console form or a roster
 * import row: values may be codes or the names users type (临床, 内科专业, 执业医师 …).
 */
export interface RawPhysician {
  name?: string | null;
  idNumber?: string | null;
  phone?: string | null;
  qualificationCertNo?: string | null;
  practiceCertNo?: string | null;
  /** code (1–4) or name (临床 …) */
  category?: string | null;
  /** codes or names of the category's scopes */
  scopes?: string[] | null;
  /** PHYSICIAN / ASSISTANT or 执业医师 / 执业助理医师 */
  level?: string | null;
  title?: string | null;
  firstPracticeDate?: string | null;
  departmentId?: number | null;
  departmentName?: string | null;
  otherPracticeSites?: { institutionName: string; startDate?: string | null; endDate?: string | null }[] | null;
}

export interface PhysicianRecord {
  name: string;
  idNumber: string;
  legacyIdNumber: string | null;
  gender: Gender;
  birthDate: string;
  phone: string;
  qualificationCertNo: string;
  practiceCertNo: string;
  categoryCode: string;
  scopeCodes: string[];
  level: PhysicianLevel;
  title: string;
  firstPracticeDate: string | null;
  departmentId: number | null;
  otherPracticeSites: OtherPracticeSite[];
}

export interface FieldError {
  field: string;
  message: string;
}

const levelByName = new Map(
  referenceLists.physicianLevels.flatMap((l) => [
    [l.code, l.code],
    [l.name, l.code],
  ]),
);
const isIsoDate = (s: string) =>
  /^\d{4}-\d{2}-\d{2}$/.test(s) &&
  !Number.isNaN(Date.parse(`${s}T00:00:00Z`)) &&
  new Date(`${s}T00:00:00Z`).toISOString().startsWith(s);
const today = () => new Date().toISOString().slice(0, 10);
const text = (v: string | null | undefined) => (v ?? "").trim();

/** Validates and normalises; `departments` are the institution's (only enabled ones may be chosen). */
export function validatePhysician(
  raw: RawPhysician,
  departments: Pick<Department, "id" | "name" | "enabled">[],
): { ok: true; record: PhysicianRecord } | { ok: false; errors: FieldError[] } {
  const errors: FieldError[] = [];
  const fail = (field: string, message: string) => errors.push({ field, message });

  const name = text(raw.name);
  if (!name) fail("name", "请填写姓名");
  else if (name.length > LIMITS.physicianName.max || !/^[\p{Script=Han}A-Za-z·．. ]+$/u.test(name))
    fail("name", "姓名只能包含汉字、字母和间隔号");

  const rawId = text(raw.idNumber);
  const id = normalizeIdNumber(rawId);
  if (!rawId) fail("idNumber", "请填写身份证号码");
  else if (!id.ok) fail("idNumber", id.reason);

  const phone = text(raw.phone);
  if (phone && !PHONE_PATTERN.test(phone)) fail("phone", "手机号码格式不正确");

  const qualificationCertNo = text(raw.qualificationCertNo);
  const practiceCertNo = text(raw.practiceCertNo);
  if (qualificationCertNo && !/^[A-Za-z0-9]{1,32}$/.test(qualificationCertNo))
    fail("qualificationCertNo", "医师资格证书编码只能包含字母和数字，最多32位");
  if (practiceCertNo && !/^[A-Za-z0-9]{1,32}$/.test(practiceCertNo))
    fail("practiceCertNo", "医师执业证书编码只能包含字母和数字，最多32位");

  const categoryText = text(raw.category);
  const category = categoryByCode(categoryText) ?? categoryByName(categoryText);
  if (!categoryText) fail("category", "请填写执业类别");
  else if (!category) fail("category", `执业类别“${categoryText}”不存在，应为：临床、口腔、公共卫生、中医`);

  const scopeCodes: string[] = [];
  const scopes = (raw.scopes ?? []).map((s) => s.trim()).filter(Boolean);
  if (!scopes.length) fail("scopes", "请填写执业范围");
  else if (category) {
    for (const s of scopes) {
      const scope = category.scopes.find((x) => x.code === s || x.name === s);
      if (!scope) fail("scopes", `执业范围“${s}”不属于${category.name}类别`);
      else if (!scopeCodes.includes(scope.code)) scopeCodes.push(scope.code);
    }
  }

  const level = levelByName.get(text(raw.level)) as PhysicianLevel | undefined;
  if (!text(raw.level)) fail("level", "请填写医师级别");
  else if (!level) fail("level", "医师级别应为：执业医师 或 执业助理医师");

  const title = text(raw.title);
  if (title && !titleNames.has(title)) fail("title", `职称“${title}”不在目录中`);

  const firstPracticeDate = text(raw.firstPracticeDate) || null;
  const birthDate = id.ok ? idNumberFacts(id.value).birthDate : null;
  if (firstPracticeDate) {
    if (!isIsoDate(firstPracticeDate)) fail("firstPracticeDate", "首次执业日期格式应为 YYYY-MM-DD");
    else if (firstPracticeDate > today()) fail("firstPracticeDate", "首次执业日期不能晚于今天");
    else if (birthDate && firstPracticeDate < birthDate) fail("firstPracticeDate", "首次执业日期不能早于出生日期");
  }

  let departmentId: number | null = null;
  const departmentName = text(raw.departmentName);
  if (raw.departmentId || departmentName) {
    const dep = raw.departmentId
      ? departments.find((d) => d.id === raw.departmentId)
      : departments.find((d) => d.name === departmentName);
    if (!dep) fail("department", `科室“${departmentName || raw.departmentId}”不存在，请先在科室信息中创建`);
    else if (!dep.enabled) fail("department", `科室“${dep.name}”已停用，不能选择`);
    else departmentId = dep.id;
  }

  const otherPracticeSites = (raw.otherPracticeSites ?? [])
    .map((s) => ({
      institutionName: s.institutionName.trim(),
      startDate: s.startDate || null,
      endDate: s.endDate || null,
    }))
    .filter((s) => s.institutionName);
  for (const s of otherPracticeSites) {
    if ((s.startDate && !isIsoDate(s.startDate)) || (s.endDate && !isIsoDate(s.endDate)))
      fail("otherPracticeSites", "执业地点日期格式应为 YYYY-MM-DD");
  }

  if (errors.length || !id.ok || !category || !level || !birthDate) return { ok: false, errors };
  const facts = idNumberFacts(id.value);
  return {
    ok: true,
    record: {
      name,
      idNumber: id.value,
      legacyIdNumber: /^\d{15}$/.test(rawId) ? rawId : null,
      gender: facts.gender === "MALE" ? Gender.MALE : Gender.FEMALE,
      birthDate: facts.birthDate,
      phone,
      qualificationCertNo,
      practiceCertNo,
      categoryCode: category.code,
      scopeCodes,
      level,
      title,
      firstPracticeDate,
      departmentId,
      otherPracticeSites,
    },
  };
}
