import { registerEnumType } from "type-graphql";

/** 考核程序: the simple procedure for long-serving physicians with a clean record, the general one for all others. */
export enum Procedure {
  SIMPLE = "SIMPLE",
  GENERAL = "GENERAL",
}
registerEnumType(Procedure, {
  name: "Procedure",
  description: "考核程序 (assessment procedure)",
  valuesConfig: {
    SIMPLE: { description: "简易程序 (simple procedure: work report, institution opinion, 医学人文测评)" },
    GENERAL: { description: "一般程序 (general procedure: work-quantity figures, 业务水平测评 and 医学人文测评)" },
  },
});

export const PROCEDURE_LABEL: Record<Procedure, string> = { SIMPLE: "简易程序", GENERAL: "一般程序" };

/** The online tests (测评) a procedure may require. */
export enum TestKind {
  HUMANITIES = "HUMANITIES",
  PROFESSIONAL = "PROFESSIONAL",
}
registerEnumType(TestKind, {
  name: "TestKind",
  description: "测评类别 (kind of online test)",
  valuesConfig: {
    HUMANITIES: { description: "医学人文测评 (medical humanities test)" },
    PROFESSIONAL: { description: "业务水平测评 (professional competence test)" },
  },
});

export const TEST_KIND_LABEL: Record<TestKind, string> = { HUMANITIES: "医学人文测评", PROFESSIONAL: "业务水平测评" };
