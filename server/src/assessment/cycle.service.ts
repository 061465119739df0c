import type { DataSource, EntityManager } from "typeorm";
import { audit } from "../audit/audit";
import { requirePrincipal } from "../common/auth";
import { AppError, badInput, ErrorCode, notFound } from "../common/errors";
import type { Context } from "../context";
import { sqlTime } from "../db/raw";
import { inTransaction } from "../db/transaction";
import { defaultCycleRules } from "./cycle.defaults";
import {
  AssessmentCycle,
  PHASE_KEYS,
  type CyclePhase,
  type ProcedureTests,
  type SimpleProcedureRule,
  type WorkQuantityStandard,
} from "./cycle.entity";
import { ApplicationStatus } from "./workflow";

/** The province's current cycle, or null between cycles. */
export function currentCycle(em: EntityManager, provinceCode: string): Promise<AssessmentCycle | null> {
  return em.findOneBy(AssessmentCycle, { provinceCode, isCurrent: true });
}

/**
 * The current cycle's id for lists and counts, remembered for a few seconds: it changes once every
 * three years, and every list would otherwise ask for it. This process forgets it at once when it
 * changes a cycle; other processes within CYCLE_ID_TTL_MS.
 */
const CYCLE_ID_TTL_MS = 10_000;
const cycleIds = new WeakMap<DataSource, Map<string, { id: number | null; at: number }>>();

export async function currentCycleId(ds: DataSource, provinceCode: string): Promise<number | null> {
  let byProvince = cycleIds.get(ds);
  if (!byProvince) cycleIds.set(ds, (byProvince = new Map()));
  const hit = byProvince.get(provinceCode);
  if (hit && Date.now() - hit.at < CYCLE_ID_TTL_MS) return hit.id;
  const cycle = await ds
    .getRepository(AssessmentCycle)
    .findOne({ where: { provinceCode, isCurrent: true }, select: { id: true } });
  byProvince.set(provinceCode, { id: cycle?.id ?? null, at: Date.now() });
  return cycle?.id ?? null;
}

const forgetCycleIds = (ds: DataSource) => cycleIds.delete(ds);

/** A cycle's province never changes, so it is remembered for good once read (lists name a cycle on every page). */
const cycleProvinces = new WeakMap<DataSource, Map<number, string>>();

/** The province a cycle belongs to, or null when no such cycle exists. */
export async function cycleProvince(ds: DataSource, cycleId: number): Promise<string | null> {
  let byId = cycleProvinces.get(ds);
  if (!byId) cycleProvinces.set(ds, (byId = new Map()));
  const hit = byId.get(cycleId);
  if (hit) return hit;
  const cycle = await ds
    .getRepository(AssessmentCycle)
    .findOne({ where: { id: cycleId }, select: { id: true, provinceCode: true } });
  if (cycle) byId.set(cycleId, cycle.provinceCode);
  return cycle?.provinceCode ?? null;
}

export interface CycleSettings {
  name?: string;
  startDate?: string;
  endDate?: string;
  phases?: CyclePhase[];
  requiredTests?: ProcedureTests[];
  workQuantityStandards?: WorkQuantityStandard[];
  simpleProcedureRule?: SimpleProcedureRule;
  notice?: string;
}

const isDate = (s: string) => /^\d{4}-\d{2}-\d{2}$/.test(s) && new Date(`${s}T00:00:00Z`).toISOString().startsWith(s);

type FieldError = { field: string; message: string };

/**
 * Every problem of a cycle's settings at once, each with the form field it belongs to (a phase's errors under
 * `phases.<key>`), so the console marks them all; the first is the error's message. A new cycle's phases must
 * also lie inside its dates (an existing cycle's phases may have been extended past its end).
 */
function settingsErrors(values: CycleSettings, creating: boolean): FieldError[] {
  const errors: FieldError[] = [];
  const fail = (field: string, message: string) => errors.push({ field, message });
  const { startDate = "", endDate = "", phases = [] } = values;
  if (creating && !values.name?.trim()) fail("name", "请填写周期名称");
  const datesOk = isDate(startDate) && isDate(endDate);
  if (!isDate(startDate)) fail("startDate", startDate ? "日期格式应为 YYYY-MM-DD" : "请选择周期开始日期");
  if (!isDate(endDate)) fail("endDate", endDate ? "日期格式应为 YYYY-MM-DD" : "请选择周期结束日期");
  if (datesOk && startDate >= endDate) fail("endDate", "周期结束日期须晚于开始日期");
  const range = datesOk && startDate < endDate;
  if (creating && !phases.length) fail("phases", "请填写考核时间安排");
  const keys = new Set<string>();
  for (const phase of phases) {
    if (!(PHASE_KEYS as readonly string[]).includes(phase.key)) {
      fail("phases", `阶段代码“${phase.key}”无效，应为 ${PHASE_KEYS.join("、")}`);
      continue;
    }
    const field = `phases.${phase.key}`;
    if (keys.has(phase.key)) fail(field, `阶段“${phase.name}”重复`);
    keys.add(phase.key);
    if (!phase.startDate || !phase.endDate) fail(field, `请选择阶段“${phase.name}”的起止日期`);
    else if (!isDate(phase.startDate) || !isDate(phase.endDate) || phase.startDate > phase.endDate)
      fail(field, `阶段“${phase.name}”的日期无效`);
    else if (creating && range && (phase.startDate < startDate || phase.endDate > endDate))
      fail(field, `阶段“${phase.name}”须在周期起止日期（${startDate} 至 ${endDate}）之内`);
  }
  const procedures = new Set<string>();
  for (const rule of values.requiredTests ?? []) {
    if (procedures.has(rule.procedure)) fail("requiredTests", "每种考核程序只能设置一次须参加的测评");
    procedures.add(rule.procedure);
    if (rule.exemptable && !rule.tests.includes(rule.exemptable))
      fail("requiredTests", "可免考的测评须是该程序要求的测评之一");
  }
  if (creating && !values.notice?.trim()) fail("notice", "请填写考核周期告知内容");
  return errors;
}

function validated<T extends CycleSettings>(values: T, creating = false): T {
  const errors = settingsErrors(values, creating);
  if (errors.length)
    throw new AppError(ErrorCode.BAD_USER_INPUT, errors[0].message, { field: errors[0].field, fields: errors });
  return values;
}

/**
 * A new cycle set by the province. Made current, it replaces the previous one and gives every
 * rostered physician of the province a NOT_ENROLLED application (one INSERT … SELECT) with its counters.
 */
export async function createCycle(ctx: Context, input: CycleSettings, makeCurrent: boolean) {
  const p = requirePrincipal(ctx);
  const provinceCode = `${p.regionCode!.slice(0, 2)}0000`;
  const defined = Object.fromEntries(Object.entries(input).filter(([, v]) => v !== undefined && v !== null));
  const values = validated({ ...defaultCycleRules(), ...defined } as CycleSettings, true);
  const name = values.name!.trim();
  const created = await inTransaction(ctx.ds, async (em) => {
    if (await em.existsBy(AssessmentCycle, { provinceCode, name }))
      throw new AppError(ErrorCode.CONFLICT, "本省已有同名的考核周期", { field: "name" });
    if (makeCurrent) await em.update(AssessmentCycle, { provinceCode, isCurrent: true }, { isCurrent: false });
    const cycle = await em.save(
      em.create(AssessmentCycle, {
        ...values,
        name,
        provinceCode,
        isCurrent: makeCurrent,
        createdAt: new Date(),
      }),
    );
    if (makeCurrent) await openRoster(em, cycle);
    await audit(em, ctx, {
      action: "cycle.create",
      targetType: "AssessmentCycle",
      targetId: cycle.id,
      detail: { name: cycle.name, makeCurrent },
    });
    return cycle;
  });
  // After the commit: forgotten earlier, a request in between could cache the old cycle again.
  forgetCycleIds(ctx.ds);
  return created;
}

async function openRoster(em: EntityManager, cycle: AssessmentCycle) {
  const now = sqlTime(em.connection, new Date());
  await em.query(
    `INSERT INTO application (cycle_id, physician_id, institution_id, department_id, procedure_type, status, exemption_status, last_action, last_action_at, version, created_at, updated_at)
     SELECT ?, p.id, p.institution_id, p.department_id, NULL, ?, 'NONE', '', ?, 1, ?, ?
     FROM physician p JOIN institution i ON i.id = p.institution_id
     WHERE p.deleted_at IS NULL AND i.province_code = ?`,
    [cycle.id, ApplicationStatus.NOT_ENROLLED, now, now, now, cycle.provinceCode],
  );
  await em.query(
    `INSERT INTO status_counter (cycle_id, institution_id, status, province_code, city_code, county_code, count)
     SELECT a.cycle_id, a.institution_id, a.status, i.province_code, i.city_code, i.county_code, COUNT(*)
     FROM application a JOIN institution i ON i.id = a.institution_id
     WHERE a.cycle_id = ?
     GROUP BY a.cycle_id, a.institution_id, a.status, i.province_code, i.city_code, i.county_code`,
    [cycle.id],
  );
  await em.query(
    `INSERT INTO region_status_counter (cycle_id, county_code, status, province_code, city_code, count)
     SELECT cycle_id, county_code, status, MIN(province_code), MIN(city_code), SUM(count)
     FROM status_counter WHERE cycle_id = ? GROUP BY cycle_id, county_code, status`,
    [cycle.id],
  );
}

export async function updateCycle(ctx: Context, id: number, input: CycleSettings) {
  const p = requirePrincipal(ctx);
  return inTransaction(ctx.ds, async (em) => {
    const cycle = await em.findOneBy(AssessmentCycle, { id, provinceCode: `${p.regionCode!.slice(0, 2)}0000` });
    if (!cycle) throw notFound("考核周期");
    const defined = Object.fromEntries(
      Object.entries(input).filter(([, v]) => v !== undefined && v !== null),
    ) as CycleSettings;
    await em.update(AssessmentCycle, { id }, { ...defined, ...(defined.name ? { name: defined.name.trim() } : {}) });
    validated({ ...cycle, ...defined });
    await audit(em, ctx, {
      action: "cycle.update",
      targetType: "AssessmentCycle",
      targetId: id,
      detail: { changed: Object.keys(defined) },
    });
    return em.findOneByOrFail(AssessmentCycle, { id });
  });
}

/**
 * 延长阶段: the province moves a phase's end date later (never earlier: actions already refused stay explainable);
 * the actions the phase gates (workflow.ts) are allowed again until the new date. Audited with the old date.
 */
export async function extendPhase(ctx: Context, id: number, key: string, endDate: string, reason: string) {
  const p = requirePrincipal(ctx);
  const why = reason.trim();
  if (!why) throw badInput("请填写延长理由", "reason");
  if (why.length > 500) throw badInput("理由不能超过500字", "reason");
  if (!/^\d{4}-\d{2}-\d{2}$/.test(endDate) || Number.isNaN(Date.parse(`${endDate}T00:00:00Z`)))
    throw badInput("结束日期格式应为 YYYY-MM-DD", "endDate");
  return inTransaction(ctx.ds, async (em) => {
    const cycle = await em.findOneBy(AssessmentCycle, { id, provinceCode: `${p.regionCode!.slice(0, 2)}0000` });
    if (!cycle) throw notFound("考核周期");
    const phase = cycle.phases.find((x) => x.key === key);
    if (!phase) throw badInput(`本周期没有阶段“${key}”`, "phase");
    if (endDate <= phase.endDate) throw badInput(`新的结束日期须晚于当前结束日期 ${phase.endDate}`, "endDate");
    const phases = cycle.phases.map((x) => (x.key === key ? { ...x, endDate } : x));
    await em.update(AssessmentCycle, { id }, { phases });
    await audit(em, ctx, {
      action: "cycle.phase.extend",
      targetType: "AssessmentCycle",
      targetId: id,
      detail: { phase: key, from: phase.endDate, to: endDate, reason: why },
    });
    return em.findOneByOrFail(AssessmentCycle, { id });
  });
}
