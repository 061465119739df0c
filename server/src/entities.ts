import { Account } from "./accounts/account.entity";
import { Session } from "./accounts/session.entity";
import { LoginThrottle } from "./accounts/login-throttle.entity";
import { ApiClient } from "./api-clients/api-client.entity";
import { RateLimitBucket } from "./api-clients/rate-limit.entity";
import { Application } from "./assessment/application.entity";
import { ApplicationEvent } from "./assessment/application-event.entity";
import { AssessmentCycle, CycleNoticeAck } from "./assessment/cycle.entity";
import { RegionStatusCounter, StatusCounter } from "./assessment/status-counter.entity";
import { OtherInstitutionOpinion } from "./assessment/other-opinion.entity";
import { TestAttempt } from "./exams/test-attempt.entity";
import { TestPaper } from "./exams/test-paper.entity";
import { ProctoringSnapshot } from "./exams/snapshot.entity";
import { Attachment } from "./attachments/attachment.entity";
import { AuditLog } from "./audit/audit-log.entity";
import { AppSetting } from "./db/app-setting.entity";
import { Department } from "./departments/department.entity";
import { Certificate } from "./certificates/certificate.entity";
import { AssessmentInstitutionApplication } from "./institutions/assessment-institution-application.entity";
import { Institution } from "./institutions/institution.entity";
import { JurisdictionChangeRequest } from "./institutions/jurisdiction-change.entity";
import { Physician, PhysicianTransfer } from "./physicians/physician.entity";
import { ImportJob, ImportRowResult } from "./physicians/import/import-job.entity";
import { HealthAdministration } from "./regions/health-administration.entity";
import { Region } from "./regions/region.entity";
import { PortalMessageRead } from "./portal/message-read.entity";

/** Every table of the product; each feature adds its entities here. */
export const entities = [
  AppSetting,
  Region,
  HealthAdministration,
  Institution,
  AssessmentInstitutionApplication,
  JurisdictionChangeRequest,
  Account,
  Session,
  ApiClient,
  AuditLog,
  Attachment,
  Department,
  Physician,
  PhysicianTransfer,
  AssessmentCycle,
  CycleNoticeAck,
  Application,
  ApplicationEvent,
  StatusCounter,
  ImportJob,
  ImportRowResult,
  OtherInstitutionOpinion,
  TestAttempt,
  TestPaper,
  ProctoringSnapshot,
  Certificate,
  RateLimitBucket,
  RegionStatusCounter,
  PortalMessageRead,
  LoginThrottle,
];
