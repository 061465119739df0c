import type { EntityManager } from "typeorm";
import { requirePrincipal, type Principal } from "../common/auth";
import { badInput, invalidState, notFound, stateChanged } from "../common/errors";
import type { Context } from "../context";
import { inTransaction } from "../db/transaction";
import { Institution } from "../institutions/institution.entity";
import { issueCertificate, revokeCertificate } from "../certificates/certificate.service";
import { Application } from "./application.entity";
import { ApplicationEvent } from "./application-event.entity";
import { adjustCounters, moveCounter } from "./counters";
import { actingRole, partyAllows } from "./parties";
import { ApplicationStatus, EVENT_LABEL, Party, TRANSITIONS, type WorkflowAction } from "./workflow";

export interface Outcome {
  /** Next status; defaults to the rule's only target, or the current status for in-place actions. */
  to?: ApplicationStatus;
  /** Other columns the action sets. */
  changes?: Partial<Application>;
  /** Extra facts for the timeline (ratings, scores …). */
  detail?: Record<string, unknown>;
}

export interface TransitionRequest {
  action: WorkflowAction;
  applicationId: number;
  /** The version the user saw: a different current version means someone acted first (CONFLICT). */
  expectedVersion?: number | null;
  reason?: string | null;
  /** Checks the action's preconditions and computes its outcome, inside the transaction. */
  decide?: (app: Application, em: EntityManager, institution: Institution) => Promise<Outcome> | Outcome;
}

export interface Actor {
  principal: Principal;
  ip: string;
}

/** Loads an application the actor may act on as `party`; anything else looks missing. */
export async function applicationForParty(em: EntityManager, p: Principal, applicationId: number, party: Party) {
  const app = await em.findOneBy(Application, { id: applicationId });
  const institution = app?.institutionId ? await em.findOneBy(Institution, { id: app.institutionId }) : null;
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
  detail?: Record<string, unknown>;
}

/**
 * Writes one transition: a guarded UPDATE (id and version) so a concurrent change makes it fail
 * with CONFLICT, its timeline event, and the status counters — all in the caller's transaction.
 */
export async function writeTransition(em: EntityManager, actor: Actor, w: StatusWrite): Promise<void> {
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
  await em.insert(ApplicationEvent, {
    applicationId: w.app.id,
    at: now,
    actorType: actor.principal.type,
    actorId: actor.principal.id,
    actorName: actor.principal.name.slice(0, 128),
    actorRole: actingRole(actor.principal, w.party),
    action: w.action,
    fromStatus: w.app.status,
    toStatus: w.to,
    reason: w.reason ?? null,
    detail: w.detail ? JSON.stringify(w.detail) : null,
    ip: actor.ip.slice(0, 64),
  });
  if (w.to !== w.app.status) await adjustCounters(em, moveCounter(w.app.cycleId, w.institution, w.app.status, w.to));
  // 合格 carries a certificate; leaving 合格 (a later cheating verdict) revokes it.
  if (w.to === ApplicationStatus.QUALIFIED && w.app.status !== ApplicationStatus.QUALIFIED)
    await issueCertificate(em, { ...w.app, ...w.changes, status: w.to });
  if (w.app.status === ApplicationStatus.QUALIFIED && w.to !== ApplicationStatus.QUALIFIED)
    await revokeCertificate(em, w.app.id, w.reason ?? label);
}

/** Runs one action of the transition table on one application, atomically. */
export async function transition(ctx: Context, req: TransitionRequest): Promise<Application> {
  const rule = TRANSITIONS[req.action];
  const principal = requirePrincipal(ctx);
  const reason = req.reason?.trim() || null;
  if (rule.requiresReason && !reason) throw badInput(`请填写${rule.label}理由`, "reason");
  if (reason && reason.length > 500) throw badInput("理由不能超过500字", "reason");
  return inTransaction(ctx.ds, async (em) => {
    const { app, institution } = await applicationForParty(em, principal, req.applicationId, rule.party);
    if (req.expectedVersion !== undefined && req.expectedVersion !== null && req.expectedVersion !== app.version)
      throw stateChanged();
    if (!rule.from.includes(app.status)) throw invalidState(rule.refusal, { status: app.status });
    const outcome = (await req.decide?.(app, em, institution)) ?? {};
    const to = outcome.to ?? (rule.to.length === 1 ? rule.to[0] : app.status);
    if (rule.to.length && !rule.to.includes(to)) throw new Error(`${rule.action} cannot lead to ${to}`);
    await writeTransition(
      em,
      { principal, ip: ctx.ip },
      {
        app,
        institution,
        action: rule.action,
        party: rule.party,
        to,
        changes: outcome.changes,
        reason,
        detail: outcome.detail,
      },
    );
    return em.findOneByOrFail(Application, { id: app.id });
  });
}
