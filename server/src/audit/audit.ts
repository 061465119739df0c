import type { DataSource, EntityManager } from "typeorm";
import { inTransaction } from "../db/transaction";
import type { Principal } from "../common/auth";
import { AuditLog } from "./audit-log.entity";

export interface AuditActor {
  principal: Principal | null;
  ip: string;
}

export interface AuditEntry {
  action: string;
  targetType?: string;
  targetId?: number | null;
  success?: boolean;
  /** Who was attempted when nobody is signed in (failed logins). */
  actorName?: string;
  detail?: Record<string, unknown>;
}

/** Writes one audit row with the caller's manager, so it commits or rolls back with the action. */
export async function audit(em: EntityManager, actor: AuditActor, entry: AuditEntry): Promise<void> {
  await em.insert(AuditLog, auditRow(actor, entry));
}

/** Writes an audit row on its own (for refusals, whose action rolled back or never started). */
export async function auditNow(ds: DataSource, actor: AuditActor, entry: AuditEntry): Promise<void> {
  await inTransaction(ds, (em) => audit(em, actor, entry));
}

export function auditRow(actor: AuditActor, entry: AuditEntry): Partial<AuditLog> {
  const p = actor.principal;
  return {
    at: new Date(),
    actorType: p ? p.type : "ANONYMOUS",
    actorId: p?.id ?? null,
    actorName: (entry.actorName ?? p?.name ?? "").slice(0, 128),
    action: entry.action,
    targetType: entry.targetType ?? null,
    targetId: entry.targetId ?? null,
    success: entry.success ?? true,
    ip: actor.ip.slice(0, 64),
    detail: entry.detail ? JSON.stringify(entry.detail) : null,
  };
}
