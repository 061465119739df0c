import subjectsData from "./data/practice-subjects.json";
import categoriesData from "./data/practice-categories.json";
import referenceData from "./data/reference-lists.json";

/**
 * National catalogs loaded from the data files shipped with the domain notes (never retyped):
 * 诊疗科目 tree, 执业类别 with their 执业范围, and the reference lists.
 */
export interface SubjectNode {
  code: string;
  name: string;
  children?: SubjectNode[];
}
export interface CodeName {
  code: string;
  name: string;
}
export interface CategoryNode extends CodeName {
  scopes: CodeName[];
}

export const practiceSubjects: SubjectNode[] = subjectsData.subjects as SubjectNode[];
export const practiceCategories: CategoryNode[] = categoriesData.categories;
export const referenceLists = referenceData;

const subjectIndex = new Map<string, { name: string; path: string }>();
(function index(nodes: SubjectNode[], parents: string[]) {
  for (const n of nodes) {
    const path = [...parents, n.name];
    subjectIndex.set(n.code, { name: n.name, path: path.join(" / ") });
    if (n.children) index(n.children, path);
  }
})(practiceSubjects, []);

export const isSubjectCode = (code: string) => subjectIndex.has(code);
/** "外科 / 普通外科专业" for 04.01. */
export const subjectPath = (code: string) => subjectIndex.get(code)?.path ?? code;

export const categoryByCode = (code: string) => practiceCategories.find((c) => c.code === code) ?? null;
export const categoryByName = (name: string) => practiceCategories.find((c) => c.name === name) ?? null;

export const institutionLevelCodes = new Set(referenceData.institutionLevels.map((l) => l.code));
export const institutionNatureCodes = new Set(referenceData.institutionNature.map((l) => l.code));
export const institutionTypes = new Set(referenceData.institutionTypes);
export const titleNames = new Set(referenceData.titles.flatMap((t) => t.names));
export const physicianLevelCodes = new Set(referenceData.physicianLevels.map((l) => l.code));
export const transferOutReasons = new Set(referenceData.transferOutReasons);
export const exemptionReasons = new Set(referenceData.exemptionReasons);
