import { LIKE_ESCAPE, likeContains } from "../common/like";
import { In, IsNull, Not, type EntityManager, type SelectQueryBuilder } from "typeorm";
import { Account, AccountKind } from "../accounts/account.entity";
import { resetPassword } from "../accounts/account.service";
import { initialPasswordHash } from "../accounts/password-hash";
import { INITIAL_PASSWORD } from "../accounts/password-policy";
import { Application } from "../assessment/application.entity";
import { EVENT_COLUMNS } from "../assessment/application-event.entity";
import { adjustCounters, moveCounter } from "../assessment/counters";
import { phaseOpen, todayInChina, type AssessmentCycle } from "../assessment/cycle.entity";
import { currentCycle } from "../assessment/cycle.service";
import { actingRole } from "../assessment/parties";
import { transition, writeTransition } from "../assessment/transition.service";
import { withdrawnByCancel } from "../assessment/application.service";
import {
  ApplicationStatus,
  EVENT_LABEL,
  IN_PROGRESS_STATUSES,
  Party,
  TRANSFER_OUT_EVENT,
  TRANSITIONS,
  WorkflowAction,
} from "../assessment/workflow";
import { audit, auditNow } from "../audit/audit";
import { assertCanSee } from "../common/access";
import { Role, requirePrincipal } from "../common/auth";
import { AppError, badInput, conflict, ErrorCode, invalidState, notFound, stateChanged } from "../common/errors";
import { normalizeIdNumber } from "../common/id-number";
import { offsetOf, type Page, type PageArgs } from "../common/pagination";
import type { Context } from "../context";
import { isSqlite } from "../db/data-source";
import { bulkInsert, placeholders } from "../db/bulk-insert";
import { sqlTime } from "../db/raw";
import { inTransaction } from "../db/transaction";
import { faultPoint } from "../common/fault-points";
import { Department } from "../departments/department.entity";
import { Institution } from "../institutions/institution.entity";
import { lockInstitution } from "../institutions/institution-lock";
import { seesFullIdentity } from "./identity-policy";
import { Physician, PhysicianTransfer, PractisingStatus } from "./physician.entity";
import type { PhysicianFilter, PhysicianInput, PhysicianSort } from "./physician.inputs";
import { EnrollmentTab, PhysicianSortField } from "./physician.inputs";
import { validatePhysician, type PhysicianRecord, type RawPhysician } from "./physician-record";
import { attachRosterApplications } from "./roster-applications";

export interface RosterRow {
  physician: Physician;
  application: Application | null;
  /** The viewer gets the ID number and phone masked (physicians/identity.ts). */
  maskIdentity?: boolean;
}

async function callerInstitution(ctx: Context, em: EntityManager = ctx.ds.manager): Promise<Institution> {
  const p = requirePrincipal(ctx);
  const inst = p.institutionId ? await em.findOneBy(Institution, { id: p.institutionId }) : null;
  if (!inst) throw notFound("机构");
  return inst;
}

/** A physician of the caller's own institution (others are reported missing). */
async function ownPhysician(em: EntityManager, ctx: Context, physicianId: number): Promise<Physician> {
  const p = requirePrincipal(ctx);
  const physician = await em.findOneBy(Physician, { id: physicianId });
  if (!physician || physician.institutionId === null || physician.institutionId !== p.institutionId)
    throw notFound("医师");
  return physician;
}

function idNumberCondition(input: string): { idNumber: string } {
  const id = normalizeIdNumber(input);
  if (!id.ok) throw badInput(id.reason, "idNumber");
  return { idNumber: id.value };
}

const SORT_COLUMN: Record<PhysicianSortField, string> = {
  ID: "p.id",
  NAME: "p.name",
  ID_NUMBER: "p.idNumber",
  UPDATED_AT: "p.updatedAt",
};

function applyRosterFilter(qb: SelectQueryBuilder<Physician>, filter: PhysicianFilter) {
  if (filter.name?.trim()) qb.andWhere(`p.name LIKE :name ${LIKE_ESCAPE}`, { name: likeContains(filter.name.trim()) });
  if (filter.idNumber?.trim()) qb.andWhere("p.idNumber = :idNumber", idNumberCondition(filter.idNumber));
  if (filter.departmentId) qb.andWhere("p.departmentId = :departmentId", { departmentId: filter.departmentId });
  if (filter.categoryCode) qb.andWhere("p.categoryCode = :categoryCode", { categoryCode: filter.categoryCode });
  if (filter.practisingStatus)
    qb.andWhere("p.practisingStatus = :practisingStatus", { practisingStatus: filter.practisingStatus });
  if (filter.tab === EnrollmentTab.NOT_ENROLLED)
    qb.andWhere("(a.id IS NULL OR a.status = :ne)", { ne: ApplicationStatus.NOT_ENROLLED });
  if (filter.tab === EnrollmentTab.ENROLLED) qb.andWhere("a.status <> :ne", { ne: ApplicationStatus.NOT_ENROLLED });
  if (filter.statuses?.length) qb.andWhere("a.status IN (:...statuses)", { statuses: filter.statuses });
}

/** The institution whose roster is asked for (the caller's own unless named and visible), and its current cycle. */
async function rosterScope(ctx: Context, institutionId: number | null) {
  const p = requirePrincipal(ctx);
  const targetId = institutionId ?? p.institutionId;
  if (!targetId) throw badInput("请指定机构", "institutionId");
  const inst = assertCanSee(p, await ctx.ds.getRepository(Institution).findOneBy({ id: targetId }), "机构");
  return { inst, cycle: await currentCycle(ctx.ds.manager, inst.provinceCode) };
}

/** The two tab counts of 医师列表 under the same filter, in one statement. */
export async function rosterCounts(
  ctx: Context,
  filter: PhysicianFilter,
  institutionId: number | null,
): Promise<{ notEnrolled: number; enrolled: number }> {
  const { inst, cycle } = await rosterScope(ctx, institutionId);
  const qb = ctx.ds
    .getRepository(Physician)
    .createQueryBuilder("p")
    .leftJoin(Application, "a", "a.physicianId = p.id AND a.cycleId = :cycleId", { cycleId: cycle?.id ?? -1 })
    .select("SUM(CASE WHEN a.id IS NULL OR a.status = :ne THEN 1 ELSE 0 END)", "notEnrolled")
    .addSelect("SUM(CASE WHEN a.status <> :ne THEN 1 ELSE 0 END)", "enrolled")
    .setParameter("ne", ApplicationStatus.NOT_ENROLLED)
    .where("p.institutionId = :inst", { inst: inst.id });
  applyRosterFilter(qb, { ...filter, tab: undefined });
  const row = await qb.getRawOne<{ notEnrolled: unknown; enrolled: unknown }>();
  return { notEnrolled: Number(row?.notEnrolled ?? 0), enrolled: Number(row?.enrolled ?? 0) };
}

/**
 * 医师列表: the caller's physicians (an administration may name an institution of its region)
 * with their current-cycle application; two statements whatever the page size.
 */
export async function listRoster(
  ctx: Context,
  filter: PhysicianFilter,
  sort: PhysicianSort,
  page: PageArgs,
  institutionId: number | null,
): Promise<Page<RosterRow> & { cycle: AssessmentCycle | null }> {
  const { inst, cycle } = await rosterScope(ctx, institutionId);
  const qb = ctx.ds
    .getRepository(Physician)
    .createQueryBuilder("p")
    .leftJoinAndMapOne("p.currentApplication", Application, "a", "a.physicianId = p.id AND a.cycleId = :cycleId", {
      cycleId: cycle?.id ?? -1,
    })
    .where("p.institutionId = :inst", { inst: inst.id });
  applyRosterFilter(qb, filter);
  const total = await qb.clone().getCount();
  const physicians = await qb
    .orderBy(SORT_COLUMN[sort.field], sort.direction)
    .addOrderBy("p.id", sort.direction)
    .offset(offsetOf(page))
    .limit(page.pageSize)
    .getMany();
  const items = physicians.map((physician) => ({
    physician,
    application: (physician as Physician & { currentApplication?: Application }).currentApplication ?? null,
  }));
  return { items, total, page: page.page, pageSize: page.pageSize, cycle };
}

/** 医师详情: full identifiers for whoever may see the institution (own staff, its assessor, its administrations). */
export async function physicianDetail(ctx: Context, physicianId: number): Promise<RosterRow> {
  const p = requirePrincipal(ctx);
  const physician = await ctx.ds.getRepository(Physician).findOneBy({ id: physicianId });
  const self = p.roles.has(Role.PHYSICIAN) && p.physicianId === physicianId;
  if (!physician || (!self && !physician.institutionId)) throw notFound("医师");
  const inst = physician.institutionId
    ? await ctx.ds.getRepository(Institution).findOneBy({ id: physician.institutionId })
    : null;
  if (!self) assertCanSee(p, inst, "医师");
  const cycle = inst ? await currentCycle(ctx.ds.manager, inst.provinceCode) : null;
  const application = cycle
    ? await ctx.ds.getRepository(Application).findOneBy({ cycleId: cycle.id, physicianId })
    : null;
  return { physician, application, maskIdentity: !seesFullIdentity(p, physician) };
}

/** Enrolment needs a practising physician of this institution and an open registration window. */
function assertRegistrationOpen(cycle: AssessmentCycle | null) {
  if (!cycle) throw invalidState("当前没有进行中的考核周期");
  if (!phaseOpen(cycle, "REGISTRATION", todayInChina())) throw invalidState("不在本周期报名时间内，不能确认参加");
}

export async function enrollOne(ctx: Context, physicianId: number, expectedVersion: number | null): Promise<RosterRow> {
  const inst = await callerInstitution(ctx);
  const cycle = await currentCycle(ctx.ds.manager, inst.provinceCode);
  assertRegistrationOpen(cycle);
  const application = await ctx.ds.getRepository(Application).findOneBy({ cycleId: cycle!.id, physicianId });
  if (!application) throw notFound("医师");
  await transition(ctx, {
    action: WorkflowAction.ENROLL,
    applicationId: application.id,
    expectedVersion,
    decide: async (app, em) => {
      const physician = await em.findOneBy(Physician, { id: app.physicianId });
      if (!physician || physician.institutionId !== app.institutionId) throw notFound("医师");
      if (physician.practisingStatus !== PractisingStatus.PRACTISING)
        throw invalidState("该医师不在执业状态，不能参加考核");
      return {};
    },
  });
  return physicianDetail(ctx, physicianId);
}

export interface BatchOutcome {
  physicianId: number;
  ok: boolean;
  code: string | null;
  message: string | null;
}

export const MAX_BATCH = 10000;
/** Refusals listed one by one in the batch's audit record (the rest are counted by code). */
const AUDITED_REFUSALS = 500;

/** Ids per locking SELECT and guarded UPDATE of a batch (well under every driver's parameter limit). */
const BATCH_CHUNK = 1000;

interface BatchRow {
  id: number;
  physicianId: number;
  status: ApplicationStatus;
  practising: PractisingStatus;
  physicianInstitution: number | null;
}

/**
 * 批量参加 in one transaction: every eligible physician is enrolled, with its timeline event, the counters and
 * the batch's audit record, or — if the transaction does not commit (a crash, a lost database) — none is. A
 * physician who cannot be enrolled (not of this institution, already enrolled, not practising) gets its own
 * refusal in the outcome and does not stop the others.
 */
export async function enrollMany(ctx: Context, physicianIds: number[]): Promise<BatchOutcome[]> {
  const principal = requirePrincipal(ctx);
  if (!physicianIds.length) throw badInput("请选择要参加考核的医师", "physicianIds");
  if (physicianIds.length > MAX_BATCH) throw badInput(`一次最多选择 ${MAX_BATCH} 名医师`, "physicianIds");
  const inst = await callerInstitution(ctx);
  const cycle = await currentCycle(ctx.ds.manager, inst.provinceCode);
  assertRegistrationOpen(cycle);
  const unique = [...new Set(physicianIds)];
  const rule = TRANSITIONS[WorkflowAction.ENROLL];

  const outcomes = await inTransaction(ctx.ds, async (em) => {
    await lockInstitution(em, inst.id); // institution first, then its applications (institution-lock.ts)
    const result = new Map<number, BatchOutcome>();
    const refuse = (physicianId: number, code: string, message: string) =>
      result.set(physicianId, { physicianId, ok: false, code, message });
    const rows: BatchRow[] = [];
    const lock = isSqlite(em.connection) ? "" : " FOR UPDATE";
    for (let i = 0; i < unique.length; i += BATCH_CHUNK) {
      const ids = unique.slice(i, i + BATCH_CHUNK);
      rows.push(
        ...((await em.query(
          `SELECT a.id AS id, a.physician_id AS physicianId, a.status AS status, p.practising_status AS practising,
             p.institution_id AS physicianInstitution
           FROM application a INNER JOIN physician p ON p.id = a.physician_id
           WHERE a.cycle_id = ? AND a.institution_id = ? AND a.physician_id IN (${placeholders(ids.length)})${lock}`,
          [cycle!.id, inst.id, ...ids],
        )) as BatchRow[]),
      );
    }
    const byPhysician = new Map(rows.map((r) => [Number(r.physicianId), r]));
    const eligible: BatchRow[] = [];
    for (const id of unique) {
      const row = byPhysician.get(id);
      if (!row || Number(row.physicianInstitution) !== inst.id)
        refuse(id, ErrorCode.NOT_FOUND, "医师不存在或不属于本机构");
      else if (row.status !== ApplicationStatus.NOT_ENROLLED) refuse(id, ErrorCode.INVALID_STATE, rule.refusal);
      else if (row.practising !== PractisingStatus.PRACTISING)
        refuse(id, ErrorCode.INVALID_STATE, "该医师不在执业状态，不能参加考核");
      else eligible.push(row);
    }
    const now = new Date();
    const at = sqlTime(em.connection, now);
    const label = EVENT_LABEL[WorkflowAction.ENROLL];
    for (let i = 0; i < eligible.length; i += BATCH_CHUNK) {
      const ids = eligible.slice(i, i + BATCH_CHUNK).map((r) => r.id);
      // Guarded: fewer rows changed than locked means a concurrent change, and the whole batch rolls back.
      const updated = await em.queryRunner!.query(
        `UPDATE application SET status = ?, version = version + 1, last_action = ?, last_action_at = ?, updated_at = ?
         WHERE id IN (${placeholders(ids.length)}) AND status = ?`,
        [ApplicationStatus.AWAITING_REGISTRATION, label, at, at, ...ids, ApplicationStatus.NOT_ENROLLED],
        true,
      );
      if (updated.affected !== ids.length) throw stateChanged();
    }
    // The events as multi-row INSERTs of plain tuples: TypeORM's insert of 5 000 entities was most of the Node work.
    const actor = [
      principal.type,
      principal.id,
      principal.name.slice(0, 128),
      actingRole(principal, Party.OWN_INSTITUTION),
    ];
    const detail = JSON.stringify({ batch: true });
    const ip = ctx.ip.slice(0, 64);
    await bulkInsert(
      em,
      "application_event",
      EVENT_COLUMNS,
      eligible.map((r) => [
        r.id,
        at,
        ...actor,
        WorkflowAction.ENROLL,
        ApplicationStatus.NOT_ENROLLED,
        ApplicationStatus.AWAITING_REGISTRATION,
        null,
        detail,
        ip,
      ]),
      { chunk: 500 },
    );
    await adjustCounters(
      em,
      moveCounter(
        cycle!.id,
        inst,
        ApplicationStatus.NOT_ENROLLED,
        ApplicationStatus.AWAITING_REGISTRATION,
        eligible.length,
      ),
    );
    for (const r of eligible)
      result.set(Number(r.physicianId), { physicianId: Number(r.physicianId), ok: true, code: null, message: null });
    const refused = [...result.values()].filter((o) => !o.ok);
    await audit(em, ctx, {
      action: "roster.enroll.batch",
      targetType: "Institution",
      targetId: inst.id,
      detail: {
        requested: physicianIds.length,
        succeeded: eligible.length,
        failed: refused.length,
        refusedByCode: countBy(refused, (o) => o.code!),
        refused: refused.slice(0, AUDITED_REFUSALS).map((o) => [o.physicianId, o.code]),
      },
    });
    await faultPoint("roster.enroll.batch.before-commit");
    return result;
  }).catch(async (err: unknown) => {
    // Rolled back as a whole: nobody was enrolled. The refusal is audited on its own.
    await auditNow(ctx.ds, ctx, {
      action: "roster.enroll.batch",
      targetType: "Institution",
      targetId: inst.id,
      success: false,
      detail: { requested: physicianIds.length, succeeded: 0, error: err instanceof AppError ? err.code : "ERROR" },
    }).catch(() => undefined);
    throw err;
  });
  return physicianIds.map((id) => outcomes.get(id)!);
}

function countBy<T>(items: T[], key: (item: T) => string): Record<string, number> {
  const counts: Record<string, number> = {};
  for (const item of items) counts[key(item)] = (counts[key(item)] ?? 0) + 1;
  return counts;
}

export async function cancelEnrollment(
  ctx: Context,
  physicianId: number,
  expectedVersion: number | null,
): Promise<RosterRow> {
  const inst = await callerInstitution(ctx);
  const cycle = await currentCycle(ctx.ds.manager, inst.provinceCode);
  const application = cycle
    ? await ctx.ds.getRepository(Application).findOneBy({ cycleId: cycle.id, physicianId, institutionId: inst.id })
    : null;
  if (!application) throw notFound("医师");
  await transition(ctx, {
    action: WorkflowAction.CANCEL_ENROLLMENT,
    applicationId: application.id,
    expectedVersion,
    decide: (app) => {
      const withdrawn = withdrawnByCancel(app);
      return withdrawn.length ? { reason: withdrawn.join("；").slice(0, 500), detail: { withdrawn } } : {};
    },
  });
  return physicianDetail(ctx, physicianId);
}

export async function resetPhysicianPassword(ctx: Context, physicianId: number): Promise<void> {
  await inTransaction(ctx.ds, async (em) => {
    await ownPhysician(em, ctx, physicianId);
    const account = await em.findOneBy(Account, { physicianId });
    if (!account) throw notFound("医师账户");
    await resetPassword(ctx, account.id, em);
  });
}

/** 调离: the physician leaves the institution and keeps his history; not while under review or testing. */
export async function transferOut(
  ctx: Context,
  physicianId: number,
  reason: string,
  note: string | null,
): Promise<void> {
  const principal = requirePrincipal(ctx);
  await inTransaction(ctx.ds, async (em) => {
    const physician = await ownPhysician(em, ctx, physicianId);
    const inst = await callerInstitution(ctx, em);
    const busy = await em.findOneBy(Application, { physicianId, status: In(IN_PROGRESS_STATUSES) });
    if (busy) throw invalidState("该医师的考核申请正在审核或测评中，不能调离；如需处理请联系上级卫生行政部门");
    const open = await em.find(Application, {
      where: {
        physicianId,
        institutionId: inst.id,
        status: In([
          ApplicationStatus.NOT_ENROLLED,
          ApplicationStatus.AWAITING_REGISTRATION,
          ApplicationStatus.RETURNED_TO_PHYSICIAN,
        ]),
      },
    });
    for (const app of open) {
      // An enrolled, not yet reviewed application goes back to NOT_ENROLLED first (it is recorded on the timeline),
      if (app.status !== ApplicationStatus.NOT_ENROLLED) {
        await writeTransition(
          em,
          { principal, ip: ctx.ip },
          {
            app,
            institution: inst,
            action: TRANSFER_OUT_EVENT,
            party: Party.OWN_INSTITUTION,
            to: ApplicationStatus.NOT_ENROLLED,
            reason,
          },
        );
      }
      // then leaves the institution's lists and counts until another institution takes the physician in.
      await em.update(Application, { id: app.id }, { institutionId: null, updatedAt: new Date() });
      await adjustCounters(em, moveCounter(app.cycleId, inst, ApplicationStatus.NOT_ENROLLED, null));
    }
    const now = new Date();
    await em.update(Physician, { id: physicianId }, { institutionId: null, departmentId: null, updatedAt: now });
    await em.insert(PhysicianTransfer, {
      physicianId,
      direction: "OUT",
      institutionId: inst.id,
      reason: note ? `${reason}：${note}` : reason,
      byAccountId: principal.id,
      at: now,
    });
    await audit(em, ctx, {
      action: "physician.transfer.out",
      targetType: "Physician",
      targetId: physicianId,
      detail: { reason, note, name: physician.name },
    });
  });
}

/** 调入 look-up by either ID form: only a physician attached to no institution can be taken in. */
export async function findTransferCandidate(ctx: Context, idNumber: string) {
  const { idNumber: canonical } = idNumberCondition(idNumber);
  const physician = await ctx.ds.getRepository(Physician).findOneBy({ idNumber: canonical });
  return { physician, canonical };
}

export async function transferIn(ctx: Context, idNumber: string): Promise<Physician> {
  const principal = requirePrincipal(ctx);
  const { idNumber: canonical } = idNumberCondition(idNumber);
  return inTransaction(ctx.ds, async (em) => {
    const inst = await callerInstitution(ctx, em);
    const physician = await em.findOneBy(Physician, { idNumber: canonical });
    if (!physician) throw notFound("该身份证号码对应的医师");
    if (physician.institutionId === inst.id) throw conflict("该医师已在本机构");
    if (physician.institutionId !== null) throw invalidState("该医师当前在其他机构执业，需原机构先调离后才能调入");
    const now = new Date();
    const moved = await em.update(
      Physician,
      { id: physician.id, institutionId: IsNull(), version: physician.version },
      { institutionId: inst.id, departmentId: null, updatedAt: now, version: physician.version + 1 },
    );
    if (moved.affected !== 1) throw stateChanged();
    await em.insert(PhysicianTransfer, {
      physicianId: physician.id,
      direction: "IN",
      institutionId: inst.id,
      reason: "调入",
      byAccountId: principal.id,
      at: now,
    });
    const cycle = await currentCycle(em, inst.provinceCode);
    if (cycle) await attachRosterApplications(em, cycle, inst, [{ id: physician.id, departmentId: null }]);
    await audit(em, ctx, {
      action: "physician.transfer.in",
      targetType: "Physician",
      targetId: physician.id,
      detail: { name: physician.name },
    });
    return em.findOneByOrFail(Physician, { id: physician.id });
  });
}

export async function setPractisingStatus(ctx: Context, physicianId: number, status: PractisingStatus): Promise<void> {
  await inTransaction(ctx.ds, async (em) => {
    const physician = await ownPhysician(em, ctx, physicianId);
    if (physician.practisingStatus === status) return;
    await em.update(Physician, { id: physicianId }, { practisingStatus: status, updatedAt: new Date() });
    await audit(em, ctx, {
      action: "physician.practising-status",
      targetType: "Physician",
      targetId: physicianId,
      detail: { from: physician.practisingStatus, to: status },
    });
  });
}

/** Deletes (keeping the row for audit) a physician confirmed as no longer practising who never went past 未确认参加. */
export async function deletePhysician(ctx: Context, physicianId: number): Promise<void> {
  await inTransaction(ctx.ds, async (em) => {
    const physician = await ownPhysician(em, ctx, physicianId);
    const inst = await callerInstitution(ctx, em);
    if (physician.practisingStatus !== PractisingStatus.NOT_PRACTISING) {
      throw invalidState("只能删除已确认不执业的医师，请先将其执业状态设为“已确认不执业”");
    }
    const progressed = await em.countBy(Application, { physicianId, status: Not(ApplicationStatus.NOT_ENROLLED) });
    if (progressed) throw invalidState("该医师已有报名或考核记录，不能删除");
    const apps = await em.findBy(Application, { physicianId, institutionId: inst.id });
    for (const app of apps) await adjustCounters(em, moveCounter(app.cycleId, inst, app.status, null));
    await em.delete(Application, { physicianId, status: ApplicationStatus.NOT_ENROLLED });
    await em.softDelete(Physician, { id: physicianId });
    await em.update(Account, { physicianId }, { enabled: false });
    await audit(em, ctx, {
      action: "physician.delete",
      targetType: "Physician",
      targetId: physicianId,
      detail: { name: physician.name, idNumber: physician.idNumber },
    });
  });
}

/** Creates physicians with their sign-in accounts (ID number, initial password 666666) and roster applications. */
export async function insertPhysicians(
  em: EntityManager,
  institution: Institution | null,
  records: PhysicianRecord[],
  practisingStatus: PractisingStatus[] | null = null,
): Promise<{ id: number; idNumber: string; name: string; departmentId: number | null }[]> {
  if (!records.length) return [];
  const now = new Date();
  await bulkInsert(
    em,
    "physician",
    [
      "name",
      "gender",
      "birth_date",
      "id_number",
      "legacy_id_number",
      "phone",
      "qualification_cert_no",
      "practice_cert_no",
      "category_code",
      "scope_codes",
      "level",
      "title",
      "first_practice_date",
      "institution_id",
      "department_id",
      "other_practice_sites",
      "practising_status",
      "photo_attachment_id",
      "version",
      "created_at",
      "updated_at",
    ],
    records.map((r, i) => [
      r.name,
      r.gender,
      r.birthDate,
      r.idNumber,
      r.legacyIdNumber,
      r.phone,
      r.qualificationCertNo,
      r.practiceCertNo,
      r.categoryCode,
      JSON.stringify(r.scopeCodes),
      r.level,
      r.title,
      r.firstPracticeDate,
      institution?.id ?? null,
      r.departmentId,
      JSON.stringify(r.otherPracticeSites),
      practisingStatus?.[i] ?? PractisingStatus.PRACTISING,
      null,
      1,
      now,
      now,
    ]),
  );
  const created: { id: number; idNumber: string; name: string; departmentId: number | null }[] = [];
  for (let i = 0; i < records.length; i += 500) {
    const ids = records.slice(i, i + 500).map((r) => r.idNumber);
    const rows: { id: number; id_number: string; name: string; department_id: number | null }[] = await em.query(
      `SELECT id, id_number, name, department_id FROM physician WHERE id_number IN (${ids.map(() => "?").join(", ")})`,
      ids,
    );
    created.push(
      ...rows.map((r) => ({
        id: Number(r.id),
        idNumber: r.id_number,
        name: r.name,
        departmentId: r.department_id === null ? null : Number(r.department_id),
      })),
    );
  }
  const hash = await initialPasswordHash(INITIAL_PASSWORD);
  await bulkInsert(
    em,
    "account",
    [
      "username",
      "password_hash",
      "kind",
      "display_name",
      "physician_id",
      "must_change_password",
      "enabled",
      "created_at",
    ],
    created.map((p) => [p.idNumber, hash, AccountKind.PHYSICIAN, p.name, p.id, true, true, now]),
    { ignoreDuplicates: true },
  );
  if (institution) {
    const cycle = await currentCycle(em, institution.provinceCode);
    if (cycle) await attachRosterApplications(em, cycle, institution, created);
  }
  return created;
}

async function institutionDepartments(em: EntityManager, institutionId: number) {
  return em.find(Department, { where: { institutionId }, select: { id: true, name: true, enabled: true } });
}

const rawOf = (input: PhysicianInput): RawPhysician => ({
  ...input,
  category: input.categoryCode,
  scopes: input.scopeCodes,
});

function refusedInput(errors: { field: string; message: string }[]): AppError {
  return new AppError(ErrorCode.BAD_USER_INPUT, errors[0].message, { field: errors[0].field, fields: errors });
}

export async function createPhysician(ctx: Context, input: PhysicianInput): Promise<Physician> {
  return inTransaction(ctx.ds, async (em) => {
    const inst = await callerInstitution(ctx, em);
    const v = validatePhysician(rawOf(input), await institutionDepartments(em, inst.id));
    if (!v.ok) throw refusedInput(v.errors);
    const existing = await em.findOne(Physician, { where: { idNumber: v.record.idNumber }, withDeleted: true });
    if (existing)
      throw conflict(
        existing.institutionId ? "该身份证号码的医师已存在" : "该医师已在系统中且未在任何机构执业，请使用“调入医师”",
      );
    const [created] = await insertPhysicians(em, inst, [v.record]);
    await audit(em, ctx, {
      action: "physician.create",
      targetType: "Physician",
      targetId: created.id,
      detail: { name: created.name },
    });
    return em.findOneByOrFail(Physician, { id: created.id });
  });
}

export async function updatePhysician(ctx: Context, physicianId: number, input: PhysicianInput): Promise<Physician> {
  return inTransaction(ctx.ds, async (em) => {
    const physician = await ownPhysician(em, ctx, physicianId);
    const v = validatePhysician(rawOf(input), await institutionDepartments(em, physician.institutionId!));
    if (!v.ok) throw refusedInput(v.errors);
    if (v.record.idNumber !== physician.idNumber)
      throw badInput("身份证号码不能修改；如登记有误请联系上级卫生行政部门", "idNumber");
    const { legacyIdNumber: _keep, ...values } = v.record;
    await em.update(Physician, { id: physicianId }, { ...values, updatedAt: new Date() });
    await em.update(Account, { physicianId }, { displayName: values.name });
    await audit(em, ctx, { action: "physician.update", targetType: "Physician", targetId: physicianId });
    return em.findOneByOrFail(Physician, { id: physicianId });
  });
}

export async function transferHistory(ctx: Context, physicianId: number) {
  const rows = await ctx.ds
    .getRepository(PhysicianTransfer)
    .find({ where: { physicianId }, order: { at: "ASC", id: "ASC" } });
  const names = new Map(
    (
      await ctx.ds
        .getRepository(Institution)
        .findBy({ id: In([...new Set(rows.map((r) => r.institutionId).filter((x): x is number => !!x))]) })
    ).map((i) => [i.id, i.name]),
  );
  return rows.map((r) => ({
    direction: r.direction,
    institutionName: r.institutionId ? (names.get(r.institutionId) ?? null) : null,
    reason: r.reason,
    at: r.at,
  }));
}
