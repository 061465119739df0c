import { AssessorResolver } from "./assessor.resolver";
import { AttemptFieldsResolver } from "./attempt-fields.resolver";
import { AssessorHomeResolver } from "./home.resolver";

/** The 考核机构端's own resolvers (schema.ts lists this once). */
export const ASSESSOR_RESOLVERS = [AssessorResolver, AssessorHomeResolver, AttemptFieldsResolver] as const;
