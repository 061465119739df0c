import { audit, auditRow } from "../audit/audit";
import type { EntityManager } from "typeorm";
import { requirePrincipal, type Principal } from "../common/auth";
import { badInput, invalidState, notFound, stateChanged } from "../common/errors";
import type { Context } from "../context";
import { inTransaction } from "../db/transaction";
import type { Institution } from "../institutions/institution.entity";
import { lockInstitution } from "../institutions/institution-lock";
import { issueCertificate, revokeCertificate } from "../certificates/certificate.service";
import { Application } from "./application.entity";
import { ApplicationEvent } from "./application-event.entity";
import type { TransitionBatch } from "./transition-batch";
import { adjustCounters, moveCounter } from "./counters";
import { actingRole, partyAllows } from "./parties";
import { AttemptStatus, TestAttempt } from "../exams/test-attempt.entity";
import { AssessmentCycle, todayInChina, type PhaseKey } from "./cycle.entity";
import { phaseRefusal } from "./phases";
import {
  ApplicationStatus,
  CLOSE_EXEMPTION_EVENT,
  EVENT_LABEL,
  EXEMPTION_CLOSED_BY,
  EXEMPTION_INFO,
  EXEMPTION_OPEN_STATUSES,
  EXEMPTION_TRANSITIONS,
  ExemptionStatus,
  Party,
  refusalFor,
  RETURNS_TO_PHYSICIAN,
  sectionsToColumn,
  TESTING_STATUSES,
  TRANSITIONS,
  type ExemptionAction,
  type ReturnSection,
  type WorkflowAction,
} from "./workflow";

export interface Outcome {
  /** Next status; defaults to the rule's only target, or the current status for in-place actions. */
  to?: ApplicationStatus;
  /** Other columns the action sets. */
  changes?: Partial<Application>;
  /** Extra facts for the timeline (ratings, scores …). */
  detail?: Record<string, unknown>;
  /** The timeline's reason when the caller gave none (what the step withdrew or changed). */
  reason?: string;
  /** Closes the exemption request, with this reason on the timeline (e.g. the procedure changed). */
  closeExemption?: string;
}

export interface TransitionRequest {
  action: WorkflowAction;
  applicationId: number;
  /** The version the user saw: a different current version means someone acted first (CONFLICT). */
  expectedVersion?: number | null;
  reason?: string | null;
  /** The 报名 sections a return to the physician names (RETURNS_TO_PHYSICIAN actions only). */
  sections?: ReturnSection[] | null;
  /** Checks the action's preconditions and computes its outcome, inside the transaction. */
  decide?: (
    app: Application,
    em: EntityManager,
    institution: Institution,
    cycle: () => Promise<AssessmentCycle>,
  ) => Promise<Outcome> | Outcome;
  /** Run inside the caller's transaction (a file import that commits all its rows or none). */
  em?: EntityManager;
  /** With `em`: one of many steps of that transaction, sharing its look-ups and appends (transition-batch.ts). */
  batch?: TransitionBatch;
}

export interface Actor {
  principal: Principal;
  ip: string;
}

/**
 * Loads an application the actor may act on as `party`; anything else looks missing. Inside a transaction the
 * institution is read under its shared row lock (institution-lock.ts): who may act and whose counters move stay
 * as read until the step commits, and a jurisdiction change waits for it (or it for the change).
 */
export async function applicationForParty(
  em: EntityManager,
  p: Principal,
  applicationId: number,
  party: Party,
  batch?: TransitionBatch,
) {
  const app = await em.findOneBy(Application, { id: applicationId });
  const lock = (id: number) => (batch ? batch.institution(em, id) : lockInstitution(em, id));
  const institution = app?.institutionId ? await lock(app.institutionId) : null;
  if (!app || !institution || !partyAllows(p, party, app, institution)) throw notFound("考核申请");
  return { app, institution };
}

export interface StatusWrite {
  app: Application;
  institution: Pick<Institution, "id" | "provinceCode" | "cityCode" | "countyCode">;
  action: string;
  party: Party;
  to: ApplicationStatus;
  changes?: Partial<Application>;
  reason?: string | null;
  sections?: ReturnSection[] | null;
  detail?: Record<string, unknown>;
  closeExemption?: string;
  /** `institution` was read under its row lock in this transaction (the counters need not lock it again). */
  institutionLocked?: boolean;
}

/**
 * Writes one transition: a guarded UPDATE (id and version) so a concurrent change makes it fail
 * with CONFLICT, its timeline event, and the status counters — all in the caller's transaction.
 */
export async function writeTransition(
  em: EntityManager,
  actor: Actor,
  w: StatusWrite,
  batch?: TransitionBatch,
): Promise<void> {
  const now = new Date();
  const label = EVENT_LABEL[w.action as keyof typeof EVENT_LABEL] ?? w.action;
  const result = await em
    .createQueryBuilder()
    .update(Application)
    .set({
      ...w.changes,
      status: w.to,
      version: () => "version + 1",
      lastAction: label,
      lastActionAt: now,
      updatedAt: now,
    })
    .where("id = :id AND version = :version", { id: w.app.id, version: w.app.version })
    .execute();
  if (result.affected !== 1) throw stateChanged();
  await insertEvent(
    em,
    actor,
    w,
    now,
    {
      action: w.action,
      fromStatus: w.app.status,
      reason: w.reason ?? null,
      sections: sectionsToColumn(w.sections),
      detail: w.detail,
    },
    batch,
  );
  const entry = {
    action: `workflow.${w.action}`,
    targetType: "Application",
    targetId: w.app.id,
    detail: { from: w.app.status, to: w.to, ...(w.reason ? { reason: w.reason } : {}) },
    regionCode: w.institution.countyCode,
  };
  if (batch) batch.audit(auditRow(actor, entry));
  else await audit(em, actor, entry);
  if (w.to !== w.app.status) {
    const deltas = moveCounter(w.app.cycleId, w.institution, w.app.status, w.to);
    if (batch) batch.counters(deltas);
    else await adjustCounters(em, deltas, w.institutionLocked ? [w.institution] : []);
  }
  await closeWhatTheMoveEnds(em, actor, w, now, batch);
  // 合格 carries a certificate; leaving 合格 (a later cheating verdict) revokes it.
  if (w.to === ApplicationStatus.QUALIFIED && w.app.status !== ApplicationStatus.QUALIFIED)
    await issueCertificate(em, { ...w.app, ...w.changes, status: w.to });
  if (w.app.status === ApplicationStatus.QUALIFIED && w.to !== ApplicationStatus.QUALIFIED)
    await revokeCertificate(em, w.app.id, w.reason ?? label);
}

/** One step on one application: who acts, what the state must admit, what it leads to. */
interface Step {
  /** The event name written to the timeline. */
  action: WorkflowAction | ExemptionAction;
  label: string;
  party: Party;
  requiresReason: boolean;
  /** Statuses the step may lead to; empty: any (in-place steps). */
  to: ApplicationStatus[];
  /** Throws the rule's refusal when the application's state does not admit the step. */
  admit: (app: Application) => void;
  /** The cycle phases that gate the step, per from-status (workflow.ts). */
  phases?: Partial<Record<ApplicationStatus, PhaseKey[]>>;
  /** Columns every run of the step sets (before the outcome's own). */
  changes?: (app: Application) => Partial<Application>;
  detail?: (app: Application) => Record<string, unknown>;
}

/**
 * The one guard sequence of every workflow step, atomically: reason, ownership (party), the version the
 * caller saw, the state (the rule's refusal), the step's own decision, then the write with its event.
 */
async function runStep(ctx: Context, step: Step, req: Omit<TransitionRequest, "action">): Promise<Application> {
  const principal = requirePrincipal(ctx);
  const reason = req.reason?.trim() || null;
  if (step.requiresReason && !reason) throw badInput(`请填写${step.label}理由`, "reason");
  if (reason && reason.length > 500) throw badInput("理由不能超过500字", "reason");
  if (req.sections?.length && !(RETURNS_TO_PHYSICIAN as string[]).includes(step.action))
    throw badInput(`${step.label}不能指定所涉报名内容`, "sections");
  const work = async (em: EntityManager) => {
    const { app, institution } = await applicationForParty(em, principal, req.applicationId, step.party, req.batch);
    if (req.expectedVersion !== undefined && req.expectedVersion !== null && req.expectedVersion !== app.version)
      throw stateChanged();
    step.admit(app);
    // The cycle is read once per step, for the phase gate and the step's own decision alike.
    let cycleRead: Promise<AssessmentCycle> | undefined;
    const cycle = () =>
      (cycleRead ??= req.batch
        ? req.batch.cycle(em, app.cycleId)
        : em.findOneByOrFail(AssessmentCycle, { id: app.cycleId }));
    await admitPhase(app, step, cycle);
    const outcome = (await req.decide?.(app, em, institution, cycle)) ?? {};
    const to = outcome.to ?? (step.to.length === 1 ? step.to[0] : app.status);
    if (step.to.length && !step.to.includes(to)) throw new Error(`${step.action} cannot lead to ${to}`);
    const detail = step.detail || outcome.detail ? { ...step.detail?.(app), ...outcome.detail } : undefined;
    await writeTransition(
      em,
      { principal, ip: ctx.ip },
      {
        app,
        institution,
        action: step.action,
        party: step.party,
        to,
        changes: { ...step.changes?.(app), ...outcome.changes },
        reason: reason ?? outcome.reason ?? null,
        sections: req.sections,
        detail,
        closeExemption: outcome.closeExemption,
        institutionLocked: true,
      },
      req.batch,
    );
    return em.findOneByOrFail(Application, { id: app.id });
  };
  return req.em ? work(req.em) : inTransaction(ctx.ds, work);
}

/**
 * What a move ends besides the status (workflow.ts): an exemption request the new status closes
 * (its own timeline event), and the 未开始 attempts of an application that leaves testing (a return,
 * a cancelled enrolment, a result): nobody is to take them any more.
 */
async function closeWhatTheMoveEnds(
  em: EntityManager,
  actor: Actor,
  w: StatusWrite,
  now: Date,
  batch?: TransitionBatch,
) {
  const exemption = w.changes?.exemptionStatus ?? w.app.exemptionStatus;
  const closedByMove = w.to !== w.app.status && EXEMPTION_CLOSED_BY[w.to]?.includes(exemption);
  if ((closedByMove || w.closeExemption) && exemption !== ExemptionStatus.NONE) {
    await em.update(
      Application,
      { id: w.app.id },
      {
        exemptionStatus: ExemptionStatus.NONE,
        exemptedTest: null,
        exemptionReason: null,
        exemptionNote: null,
        exemptionRequestedAt: null,
      },
    );
    await insertEvent(
      em,
      actor,
      w,
      now,
      {
        action: CLOSE_EXEMPTION_EVENT,
        fromStatus: w.to,
        reason:
          w.closeExemption ??
          `${EVENT_LABEL[w.action as keyof typeof EVENT_LABEL] ?? w.action}，免考申请（${EXEMPTION_INFO[exemption].label}）随之关闭`,
        detail: { exemption: { from: exemption, to: ExemptionStatus.NONE, exemptedTest: w.app.exemptedTest } },
      },
      batch,
    );
  }
  if (TESTING_STATUSES.includes(w.app.status) && !TESTING_STATUSES.includes(w.to))
    await em.delete(TestAttempt, { applicationId: w.app.id, status: AttemptStatus.NOT_STARTED });
}

async function insertEvent(
  em: EntityManager,
  actor: Actor,
  w: StatusWrite,
  at: Date,
  e: {
    action: string;
    fromStatus: ApplicationStatus;
    reason: string | null;
    sections?: string | null;
    detail?: Record<string, unknown>;
  },
  batch?: TransitionBatch,
) {
  const event = {
    applicationId: w.app.id,
    at,
    actorType: actor.principal.type,
    actorId: actor.principal.id,
    actorName: actor.principal.name.slice(0, 128),
    actorRole: actingRole(actor.principal, w.party),
    action: e.action,
    fromStatus: e.fromStatus,
    toStatus: w.to,
    reason: e.reason,
    sections: e.sections ?? null,
    detail: e.detail ? JSON.stringify(e.detail) : null,
    ip: actor.ip.slice(0, 64),
  };
  if (batch) batch.event(event);
  else await em.insert(ApplicationEvent, event);
}

/** Refuses a step whose gating phases (for the application's status) are all closed today. */
async function admitPhase(
  app: Application,
  step: Pick<Step, "phases" | "label">,
  cycle: () => Promise<AssessmentCycle>,
) {
  const gate = step.phases?.[app.status];
  if (!gate?.length) return;
  const closed = phaseRefusal(await cycle(), gate, step.label, todayInChina());
  if (closed) throw invalidState(closed.message, { reason: "PHASE_CLOSED", phase: closed.phase });
}

/** Runs one action of the transition table on one application, atomically. */
export async function transition(ctx: Context, req: TransitionRequest): Promise<Application> {
  const rule = TRANSITIONS[req.action];
  return runStep(
    ctx,
    {
      ...rule,
      admit: (app) => {
        if (!rule.from.includes(app.status)) throw invalidState(refusalFor(rule, app.status), { status: app.status });
      },
    },
    req,
  );
}

export interface ExemptionRequest extends Omit<TransitionRequest, "action"> {
  action: ExemptionAction;
}

/** Runs one action of the exemption table, through the same core: the request's status moves, the application's may. */
export async function exemptionTransition(ctx: Context, req: ExemptionRequest): Promise<Application> {
  const rule = EXEMPTION_TRANSITIONS[req.action];
  return runStep(
    ctx,
    {
      ...rule,
      to: [],
      admit: (app) => {
        if (!EXEMPTION_OPEN_STATUSES.includes(app.status)) throw invalidState("该申请当前状态不能办理免考");
        if (!rule.from.includes(app.exemptionStatus))
          throw invalidState(rule.refusal, { exemptionStatus: app.exemptionStatus });
      },
      changes: () => ({ exemptionStatus: rule.to }),
      detail: (app) => ({ exemption: { from: app.exemptionStatus, to: rule.to } }),
    },
    req,
  );
}
