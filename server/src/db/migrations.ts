import { ReturnSections1796146346220 } from "./migrations/1796146346220-ReturnSections";
import { LoginThrottleInFlight1796135202071 } from "./migrations/1796135202071-LoginThrottleInFlight";
import { DashboardTrendIndex1796135094560 } from "./migrations/1796135094560-DashboardTrendIndex";
import { AssessorQueueSubmittedAt1796134610386 } from "./migrations/1796134610386-AssessorQueueSubmittedAt";
import { CertificateVerificationCode1796129922622 } from "./migrations/1796129922622-CertificateVerificationCode";
import { AuditLogRegion1796126697368 } from "./migrations/1796126697368-AuditLogRegion";
import { TestPaperAuthor1796125205097 } from "./migrations/1796125205097-TestPaperAuthor";
import { AccountResetExpiry1796125351788 } from "./migrations/1796125351788-AccountResetExpiry";
import { PortalMessageRead1796124296428 } from "./migrations/1796124296428-PortalMessageRead";
import { LoginThrottle1796123865530 } from "./migrations/1796123865530-LoginThrottle";
import { AttachmentStorageKeyIndex1796115344672 } from "./migrations/1796115344672-AttachmentStorageKeyIndex";
import { ImportJobFailure1796113655041 } from "./migrations/1796113655041-ImportJobFailure";
import { JurisdictionChangeRequests1796125773321 } from "./migrations/1796125773321-JurisdictionChangeRequests";
import type { MigrationInterface } from "typeorm";
import { RegionCountersListIndexes1795788431472 } from "./migrations/1795788431472-RegionCountersListIndexes";
import { ExemptionRequestedAt1795784144460 } from "./migrations/1795784144460-ExemptionRequestedAt";
import { ApiClientsRateLimits1795783320658 } from "./migrations/1795783320658-ApiClientsRateLimits";
import { ExamsProctoringCertificates1795782199010 } from "./migrations/1795782199010-ExamsProctoringCertificates";
import { Initial1795781694143 } from "./migrations/1795781694143-Initial";
/** Committed MySQL migrations, in order. Generate new ones with `npm run migration:generate -w server -- Name`. */
export const migrations: (new () => MigrationInterface)[] = [
  Initial1795781694143,
  ExamsProctoringCertificates1795782199010,
  ApiClientsRateLimits1795783320658,
  ExemptionRequestedAt1795784144460,
  RegionCountersListIndexes1795788431472,
  ImportJobFailure1796113655041,
  AttachmentStorageKeyIndex1796115344672,
  LoginThrottle1796123865530,
  PortalMessageRead1796124296428,
  TestPaperAuthor1796125205097,
  AccountResetExpiry1796125351788,
  JurisdictionChangeRequests1796125773321,
  AuditLogRegion1796126697368,
  CertificateVerificationCode1796129922622,
  AssessorQueueSubmittedAt1796134610386,
  DashboardTrendIndex1796135094560,
  LoginThrottleInFlight1796135202071,
  ReturnSections1796146346220,
];
