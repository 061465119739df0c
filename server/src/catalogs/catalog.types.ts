import { Field, ObjectType } from "type-graphql";

@ObjectType({ description: "代码与名称 (a code and its name)" })
export class CatalogItem {
  @Field({ description: "代码 (code)" })
  code: string;

  @Field({ description: "名称 (name)" })
  name: string;
}

@ObjectType({ description: "诊疗科目 (practice subject; a tree: subject → sub-specialty → project)" })
export class PracticeSubject {
  @Field({ description: "科目代码，如 04 或 04.01 (subject code)" })
  code: string;

  @Field({ description: "科目名称 (name)" })
  name: string;

  @Field(() => [PracticeSubject], { description: "下级科目 (children)" })
  children: PracticeSubject[];
}

@ObjectType({ description: "执业类别及其执业范围 (practice category with its scopes)" })
export class PracticeCategory {
  @Field({ description: "类别代码 1 临床, 2 口腔, 3 公共卫生, 4 中医 (category code)" })
  code: string;

  @Field({ description: "类别名称 (name)" })
  name: string;

  @Field(() => [CatalogItem], { description: "执业范围 (practice scopes of this category)" })
  scopes: CatalogItem[];
}

@ObjectType({ description: "职称等级及名称 (title grade with its title names)" })
export class TitleGrade {
  @Field({ description: "等级，如 正高、副高 (grade)" })
  grade: string;

  @Field(() => [String], { description: "职称名称 (title names)" })
  names: string[];
}

@ObjectType({ description: "参考目录 (reference lists used by forms and validation)" })
export class ReferenceLists {
  @Field(() => [CatalogItem], { description: "医师级别 (physician level: 执业医师 / 执业助理医师)" })
  physicianLevels: CatalogItem[];

  @Field(() => [TitleGrade], { description: "职称 (professional titles)" })
  titles: TitleGrade[];

  @Field(() => [String], { description: "机构类别 (institution types)" })
  institutionTypes: string[];

  @Field(() => [CatalogItem], { description: "机构级别/等次 (institution levels)" })
  institutionLevels: CatalogItem[];

  @Field(() => [CatalogItem], { description: "经营性质 (institution nature)" })
  institutionNatures: CatalogItem[];

  @Field(() => [String], { description: "调离原因 (transfer-out reasons)" })
  transferOutReasons: string[];

  @Field(() => [String], { description: "免考理由 (exemption reasons)" })
  exemptionReasons: string[];

  @Field(() => [CatalogItem], { description: "测评类别 (test kinds)" })
  testKinds: CatalogItem[];

  @Field(() => [CatalogItem], { description: "考核程序 (procedures: SIMPLE 简易程序, GENERAL 一般程序)" })
  procedures: CatalogItem[];

  @Field(() => [CatalogItem], { description: "测评状态 (attempt statuses)" })
  attemptStatuses: CatalogItem[];

  @Field(() => [CatalogItem], { description: "监考照片查看状态 (snapshot view statuses)" })
  snapshotViewStatuses: CatalogItem[];

  @Field(() => [CatalogItem], { description: "作弊认定结果 (cheating verdicts)" })
  cheatingVerdicts: CatalogItem[];

  @Field(() => [CatalogItem], { description: "执业状态 (practising statuses)" })
  practisingStatuses: CatalogItem[];

  @Field(() => [CatalogItem], { description: "性别 (genders)" })
  genders: CatalogItem[];

  @Field(() => [CatalogItem], { description: "证书核验结果 (certificate verification results)" })
  certificateStatuses: CatalogItem[];
}
