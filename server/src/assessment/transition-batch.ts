import type { EntityManager } from "typeorm";
import { AuditLog } from "../audit/audit-log.entity";
import type { Institution } from "../institutions/institution.entity";
import { lockInstitutions } from "../institutions/institution-lock";
import { ApplicationEvent } from "./application-event.entity";
import { adjustCounters, type CounterDelta } from "./counters";
import { AssessmentCycle } from "./cycle.entity";

/**
 * Many transitions in one caller's transaction (a results file): each row is still its own workflow step —
 * same guards, guarded UPDATE, timeline event, counters and audit — but what does not change between rows is read
 * once, and the appends are written together at the end (`flush`, before the commit):
 * - institutions are locked once per transaction (the shared lock holds until the commit anyway);
 * - cycles are read once (a file is one cycle's);
 * - events and audit rows go out as multi-row INSERTs, in the order the rows wrote them;
 * - counter deltas are summed into one upsert per table.
 * Nothing reads these appends inside the transaction, and a rollback drops them with everything else.
 */
export class TransitionBatch {
  private readonly institutions = new Map<number, Institution>();
  private readonly cycles = new Map<number, AssessmentCycle>();
  private events: Partial<ApplicationEvent>[] = [];
  private audits: Partial<AuditLog>[] = [];
  private deltas: CounterDelta[] = [];

  /** Locks the institutions of the whole file up front, in id order like every other writer (institution-lock.ts). */
  async lockInstitutions(em: EntityManager, ids: number[]): Promise<void> {
    for (const inst of await lockInstitutions(em, ids)) this.institutions.set(inst.id, inst);
  }

  async institution(em: EntityManager, id: number): Promise<Institution | null> {
    if (!this.institutions.has(id)) await this.lockInstitutions(em, [id]);
    return this.institutions.get(id) ?? null;
  }

  async cycle(em: EntityManager, id: number): Promise<AssessmentCycle> {
    let cycle = this.cycles.get(id);
    if (!cycle) this.cycles.set(id, (cycle = await em.findOneByOrFail(AssessmentCycle, { id })));
    return cycle;
  }

  event(row: Partial<ApplicationEvent>): void {
    this.events.push(row);
  }

  audit(row: Partial<AuditLog>): void {
    this.audits.push(row);
  }

  counters(deltas: CounterDelta[]): void {
    this.deltas.push(...deltas);
  }

  async flush(em: EntityManager): Promise<void> {
    const [events, audits, deltas] = [this.events, this.audits, this.deltas];
    this.events = [];
    this.audits = [];
    this.deltas = [];
    for (let i = 0; i < events.length; i += 500) await em.insert(ApplicationEvent, events.slice(i, i + 500));
    for (let i = 0; i < audits.length; i += 500) await em.insert(AuditLog, audits.slice(i, i + 500));
    await adjustCounters(em, deltas);
  }
}
