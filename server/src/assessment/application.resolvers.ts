import { AdministrationResolver } from "./administration.resolver";
import { ApplicationFieldsResolver } from "./application-fields.resolver";
import { ApplicationResolver } from "./application.resolver";
import { AssessorReviewResolver } from "./assessor-review.resolver";
import { InstitutionReviewResolver } from "./institution-review.resolver";
import { PhysicianActionsResolver } from "./physician-actions.resolver";

/** The application's resolvers, one per party (and one for its fields), for the schema. */
export const APPLICATION_RESOLVERS = [
  ApplicationResolver,
  PhysicianActionsResolver,
  InstitutionReviewResolver,
  AssessorReviewResolver,
  AdministrationResolver,
  ApplicationFieldsResolver,
] as const;
