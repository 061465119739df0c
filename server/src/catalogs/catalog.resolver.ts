import { listCost } from "../common/query-limits";
import { Query, Resolver } from "type-graphql";
import { practiceCategories, practiceSubjects, referenceLists, type SubjectNode } from "./catalog";
import { PracticeCategory, PracticeSubject, ReferenceLists } from "./catalog.types";
import { PROCEDURE_LABEL } from "../assessment/procedure";
import { ATTEMPT_STATUS_LABEL, VERDICT_LABEL } from "../exams/test-attempt.entity";
import { PRACTISING_STATUS_LABEL } from "../physicians/physician.entity";

/** Enum value → label maps as code/name lists, so forms and filters need no copied strings. */
const items = (labels: Record<string, string>) => Object.entries(labels).map(([code, name]) => ({ code, name }));

const toSubject = (n: SubjectNode): PracticeSubject => ({
  code: n.code,
  name: n.name,
  children: (n.children ?? []).map(toSubject),
});
const subjectTree = practiceSubjects.map(toSubject);

/** Public catalogs: no sign-in needed, they are national standards. */
@Resolver()
export class CatalogResolver {
  @Query(() => [PracticeSubject], {
    complexity: listCost(60),
    description: "诊疗科目目录（树） (catalog of practice subjects, as a tree)",
  })
  practiceSubjects(): PracticeSubject[] {
    return subjectTree;
  }

  @Query(() => [PracticeCategory], { description: "执业类别与执业范围 (practice categories and their scopes)" })
  practiceCategories(): PracticeCategory[] {
    return practiceCategories;
  }

  @Query(() => ReferenceLists, { description: "参考目录 (reference lists)" })
  referenceLists(): ReferenceLists {
    return {
      physicianLevels: referenceLists.physicianLevels,
      titles: referenceLists.titles,
      institutionTypes: referenceLists.institutionTypes,
      institutionLevels: referenceLists.institutionLevels,
      institutionNatures: referenceLists.institutionNature,
      transferOutReasons: referenceLists.transferOutReasons,
      exemptionReasons: referenceLists.exemptionReasons,
      testKinds: referenceLists.testKinds,
      procedures: items(PROCEDURE_LABEL),
      attemptStatuses: items(ATTEMPT_STATUS_LABEL),
      snapshotViewStatuses: items({ UNVIEWED: "未查看", VIEWED: "已查看", MARKED: "已标记疑似" }),
      cheatingVerdicts: items(VERDICT_LABEL),
      practisingStatuses: items(PRACTISING_STATUS_LABEL),
      genders: items({ MALE: "男", FEMALE: "女" }),
      certificateStatuses: items({ GENUINE: "真实有效", REVOKED: "已作废", NOT_FOUND: "查无此证" }),
    };
  }
}
