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
  /**
   * The region (county, city or province code) the record belongs to, which decides which administrations see
   * it. Default: the actor's own — an institution's or physician's county, an administration's or API client's
   * region; none for anonymous callers (only the province sees those).
   */
  regionCode?: string | null;
}

/** Writes one audit row with the caller's manager, so it commits or rolls back with the action. */
export async function audit(em: EntityManager, actor: AuditActor, entry: AuditEntry): Promise<void> {
  const regionCode = entry.regionCode !== undefined ? entry.regionCode : await actorRegion(em, actor.principal);
  await em.insert(AuditLog, { ...auditRow(actor, entry), regionCode });
}

/** Writes an audit row on its own (for refusals, whose action rolled back or never started). */
export async function auditNow(ds: DataSource, actor: AuditActor, entry: AuditEntry): Promise<void> {
  await inTransaction(ds, (em) => audit(em, actor, entry));
}

/** The county of an institution's (or a physician's current institution's) account; an administration's region. */
async function actorRegion(em: EntityManager, p: Principal | null): Promise<string | null> {
  if (!p) return null;
  if (p.type === "API_CLIENT" || p.adminId) return p.regionCode;
  return institutionCounty(em, p.institutionId, p.physicianId);
}

/** One statement: the county of the institution, or of the physician's current institution. */
export async function institutionCounty(
  em: EntityManager,
  institutionId: number | null,
  physicianId: number | null,
): Promise<string | null> {
  if (institutionId) {
    const rows: { county: string }[] = await em.query("SELECT county_code AS county FROM institution WHERE id = ?", [
      institutionId,
    ]);
    return rows[0]?.county ?? null;
  }
  if (physicianId) {
    const rows: { county: string }[] = await em.query(
      "SELECT i.county_code AS county FROM physician p JOIN institution i ON i.id = p.institution_id WHERE p.id = ?",
      [physicianId],
    );
    return rows[0]?.county ?? null;
  }
  return null;
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
    regionCode: entry.regionCode ?? null,
  };
}
