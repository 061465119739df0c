import { listCost } from "../common/query-limits";
import { Query, Resolver } from "type-graphql";
import { practiceCategories, practiceSubjects, referenceLists, type SubjectNode } from "./catalog";
import { PracticeCategory, PracticeSubject, ReferenceLists } from "./catalog.types";

const toSubject = (n: SubjectNode): PracticeSubject => ({ code: n.code, name: n.name, children: (n.children ?? []).map(toSubject) });
const subjectTree = practiceSubjects.map(toSubject);

/** Public catalogs: no sign-in needed, they are national standards. */
@Resolver()
export class CatalogResolver {
  @Query(() => [PracticeSubject], { complexity: listCost(60), description: "诊疗科目目录（树） (catalog of practice subjects, as a tree)" })
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
    };
  }
}
