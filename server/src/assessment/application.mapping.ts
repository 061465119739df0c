import type { Application } from "./application.entity";
import { viewOf } from "../common/view-instance";
import { ApplicationView } from "./application.view";
import { PROCEDURE_LABEL } from "./procedure";
import { EXEMPTION_INFO, STATUS_INFO } from "./workflow";

/** An application as the API shows it; `revealIdentifiers` for detail views (lists mask). */
export function applicationView(app: Application, revealIdentifiers = false): ApplicationView {
  return viewOf(ApplicationView, {
    id: app.id,
    cycleId: app.cycleId,
    physicianId: app.physicianId,
    institutionId: app.institutionId,
    departmentId: app.departmentId,
    status: app.status,
    statusLabel: STATUS_INFO[app.status].label,
    procedure: app.procedure,
    procedureLabel: app.procedure ? PROCEDURE_LABEL[app.procedure] : null,
    exemptionStatus: app.exemptionStatus,
    exemptionStatusLabel: EXEMPTION_INFO[app.exemptionStatus].label,
    exemptedTest: app.exemptedTest,
    exemptionReason: app.exemptionReason,
    exemptionNote: app.exemptionNote,
    exemptionRequestedAt: app.exemptionRequestedAt,
    submittedAt: app.submittedAt,
    returnReason: app.returnReason,
    lastAction: app.lastAction,
    lastActionAt: app.lastActionAt,
    updatedAt: app.updatedAt,
    version: app.version,
    revealIdentifiers,
    // Rows read for lists come without the JSON columns (see application-list.ts).
    heavy:
      app.submission === undefined
        ? undefined
        : {
            submission: app.submission,
            draft: app.draft,
            institutionReview: app.institutionReview,
            assessmentReview: app.assessmentReview,
          },
  });
}
