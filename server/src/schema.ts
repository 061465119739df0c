import { lexicographicSortSchema, printSchema, type GraphQLSchema } from "graphql";
import { buildSchema, type NonEmptyArray } from "type-graphql";
import { callPlainFieldResolversDirectly } from "./common/direct-field-resolvers";
import { AuthResolver } from "./accounts/auth.resolver";
import { AdministrationResolver } from "./administration/administration.resolver";
import { AuditResolver } from "./audit/audit.resolver";
import { AdminAccountsResolver } from "./accounts/admin-accounts.resolver";
import { APPLICATION_RESOLVERS } from "./assessment/application.resolvers";
import { ApplicationBriefResolver } from "./assessment/application-brief.resolver";
import { ProgressResolver } from "./assessment/progress.resolver";
import { CycleResolver } from "./assessment/cycle.resolver";
import { CatalogResolver } from "./catalogs/catalog.resolver";
import { ApiClientResolver } from "./api-clients/api-client.resolver";
import { SyncResolver } from "./sync/sync.resolver";
import { CertificateResolver } from "./certificates/certificate.resolver";
import { ExamsResolver } from "./exams/exams.resolver";
import { ResultsResolver } from "./exams/results.resolver";
import { ASSESSOR_RESOLVERS } from "./assessor/resolvers";
import { authChecker } from "./common/auth";
import { validateArguments } from "./common/validate-arguments";
import { describeSchema } from "./schema-glossary";
import { DepartmentResolver } from "./departments/department.resolver";
import { AssessmentInstitutionApplicationResolver } from "./institutions/assessment-institution-application.resolver";
import { HomeResolver } from "./institutions/home.resolver";
import { InstitutionResolver } from "./institutions/institution.resolver";
import { JurisdictionChangeResolver } from "./institutions/jurisdiction-change.resolver";
import {
  PhysicianDetailFieldsResolver,
  PhysicianResolver,
  PhysicianSummaryFieldsResolver,
} from "./physicians/physician.resolver";
import { ImportResolver, ImportRowResolver } from "./physicians/import/import.resolver";
import { PhysicianIdentityResolver } from "./physicians/identity";
import { PortalResolver } from "./portal/portal.resolver";
import { RegionResolver } from "./regions/region.resolver";

/** Every resolver of the API; each feature adds its own here. */
// type-graphql takes resolver classes as `Function`s.
// eslint-disable-next-line @typescript-eslint/no-unsafe-function-type
export const resolvers: NonEmptyArray<Function> = [
  AuthResolver,
  AdminAccountsResolver,
  AuditResolver,
  CatalogResolver,
  RegionResolver,
  InstitutionResolver,
  HomeResolver,
  AssessmentInstitutionApplicationResolver,
  JurisdictionChangeResolver,
  DepartmentResolver,
  PhysicianResolver,
  PhysicianSummaryFieldsResolver,
  PhysicianDetailFieldsResolver,
  PhysicianIdentityResolver,
  ImportResolver,
  ImportRowResolver,
  ...APPLICATION_RESOLVERS,
  ApplicationBriefResolver,
  PortalResolver,
  ExamsResolver,
  ResultsResolver,
  ...ASSESSOR_RESOLVERS,
  ProgressResolver,
  CycleResolver,
  AdministrationResolver,
  CertificateResolver,
  ApiClientResolver,
  SyncResolver,
];

let cached: Promise<GraphQLSchema> | null = null;

/** The schema is built once per process from the decorated classes (code-first). */
export function buildAppSchema(): Promise<GraphQLSchema> {
  cached ??= buildSchema({
    resolvers,
    authChecker,
    validateFn: validateArguments,
  })
    .then(describeSchema)
    .then((schema) => (callPlainFieldResolversDirectly(schema), schema));
  return cached;
}

/** The SDL written to schema.graphql: sorted, so it diffs cleanly. */
export async function schemaSdl(): Promise<string> {
  return `${printSchema(lexicographicSortSchema(await buildAppSchema()))}\n`;
}
