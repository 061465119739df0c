import type { FileUpload } from "graphql-upload/processRequest.mjs";
import { storeUpload } from "../../attachments/attachments.service";
import type { StoredFile } from "../../attachments/storage";
import { In, type EntityManager } from "typeorm";
import { Account } from "../../accounts/account.entity";
import { currentCycle } from "../../assessment/cycle.service";
import { auditNow } from "../../audit/audit";
import { regionCovers } from "../../common/access";
import { Role, requirePrincipal, type Principal } from "../../common/auth";
import { normalizeCreditCode } from "../../common/credit-code";
import { AppError, badInput, ErrorCode, forbidden } from "../../common/errors";
import { maskIdNumber } from "../../common/id-number";
import type { Context } from "../../context";
import { bulkInsert } from "../../db/bulk-insert";
import { inTransaction } from "../../db/transaction";
import { Department } from "../../departments/department.entity";
import { Institution } from "../../institutions/institution.entity";
import { logger } from "../../logger";
import { Physician, PhysicianTransfer, PractisingStatus, PRACTISING_STATUS_LABEL } from "../physician.entity";
import { validatePhysician, type PhysicianRecord } from "../physician-record";
import { attachRosterApplications } from "../roster-applications";
import { insertPhysicians } from "../roster.service";
import { ImportJob, ImportOutcome } from "./import-job.entity";
import { mapHeaders, splitList, type RosterField } from "./roster-columns";
import { NotASpreadsheetError, readSheetRows, type SheetRow } from "./roster-reader";

const CHUNK = 500;
const practisingByLabel = new Map<string, PractisingStatus>([
  ...Object.entries(PRACTISING_STATUS_LABEL).map(([k, v]) => [v, k as PractisingStatus] as const),
  ["不执业", PractisingStatus.NOT_PRACTISING],
]);

interface ParsedRow {
  rowNumber: number;
  name: string;
  idNumberText: string;
  messages: string[];
  record?: PhysicianRecord;
  institution?: Institution;
  practisingStatus?: PractisingStatus | null;
}

type Verdict = { row: ParsedRow; outcome: ImportOutcome; existing?: Physician };

/** Resolves which institution a row goes to: the importing institution, or (for administrations) the row's credit code. */
class InstitutionResolver {
  private readonly byCode = new Map<string, Institution | null>();
  private readonly departments = new Map<number, Pick<Department, "id" | "name" | "enabled">[]>();
  constructor(
    private readonly em: EntityManager,
    private readonly principal: Principal,
    private readonly own: Institution | null,
  ) {}

  async forRow(creditCodeText: string): Promise<Institution | string> {
    if (this.own) {
      const code = creditCodeText ? normalizeCreditCode(creditCodeText) : null;
      if (code && (!code.ok || code.value !== this.own.creditCode)) return "所属机构不是本机构：机构只能导入本机构医师";
      return this.own;
    }
    if (!creditCodeText) return "请填写所属机构统一社会信用代码";
    const code = normalizeCreditCode(creditCodeText);
    if (!code.ok) return code.reason;
    if (!this.byCode.has(code.value))
      this.byCode.set(code.value, await this.em.findOneBy(Institution, { creditCode: code.value }));
    const inst = this.byCode.get(code.value);
    if (!inst || !regionCovers(this.principal, inst)) return "所属机构不存在或不在本辖区";
    return inst;
  }

  async departmentsOf(institutionId: number) {
    if (!this.departments.has(institutionId)) {
      this.departments.set(
        institutionId,
        await this.em.find(Department, { where: { institutionId }, select: { id: true, name: true, enabled: true } }),
      );
    }
    return this.departments.get(institutionId)!;
  }
}

function cellsToFields(fields: (RosterField | null)[], cells: string[]): Partial<Record<RosterField, string>> {
  const out: Partial<Record<RosterField, string>> = {};
  fields.forEach((f, i) => {
    if (f) out[f] = String(cells[i] ?? "").trim();
  });
  return out;
}

async function parseRow(
  row: SheetRow,
  fields: (RosterField | null)[],
  resolver: InstitutionResolver,
): Promise<ParsedRow> {
  const v = cellsToFields(fields, row.cells);
  const parsed: ParsedRow = {
    rowNumber: row.rowNumber,
    name: (v.name ?? "").slice(0, 64),
    idNumberText: v.idNumber ?? "",
    messages: [],
  };
  const target = await resolver.forRow(v.institutionCreditCode ?? "");
  if (typeof target === "string") {
    parsed.messages.push(target);
    return parsed;
  }
  parsed.institution = target;
  if (v.practisingStatus) {
    const status = practisingByLabel.get(v.practisingStatus);
    if (!status) parsed.messages.push(`执业状态“${v.practisingStatus}”应为：执业中、暂停执业、已确认不执业`);
    parsed.practisingStatus = status ?? null;
  }
  const result = validatePhysician(
    {
      name: v.name,
      idNumber: v.idNumber,
      phone: v.phone,
      qualificationCertNo: v.qualificationCertNo,
      practiceCertNo: v.practiceCertNo,
      category: v.category,
      scopes: splitList(v.scopes ?? ""),
      level: v.level,
      title: v.title,
      firstPracticeDate: v.firstPracticeDate,
      departmentName: v.departmentName,
      otherPracticeSites: splitList(v.otherSites ?? "").map((institutionName) => ({ institutionName })),
    },
    await resolver.departmentsOf(target.id),
  );
  if (!result.ok) parsed.messages.push(...result.errors.map((e) => e.message));
  else parsed.record = result.record;
  return parsed;
}

/** Decides each row against the file so far and the database; refused rows write nothing. */
async function judge(
  em: EntityManager,
  rows: ParsedRow[],
  seen: Map<string, number>,
  adminImport: boolean,
): Promise<Verdict[]> {
  const ids = rows.flatMap((r) => (r.record && !r.messages.length ? [r.record.idNumber] : []));
  const existing = ids.length ? await em.find(Physician, { where: { idNumber: In(ids) }, withDeleted: true }) : [];
  const byId = new Map(existing.map((p) => [p.idNumber, p]));
  const names = new Map(
    (
      await em.findBy(Institution, {
        id: In([...new Set(existing.map((p) => p.institutionId).filter((x): x is number => !!x))]),
      })
    ).map((i) => [i.id, i.name]),
  );
  return rows.map((row): Verdict => {
    if (row.messages.length || !row.record) return { row, outcome: ImportOutcome.REFUSED };
    const first = seen.get(row.record.idNumber);
    if (first !== undefined) {
      row.messages.push(`与第 ${first} 行的身份证号码重复`);
      return { row, outcome: ImportOutcome.REFUSED };
    }
    seen.set(row.record.idNumber, row.rowNumber);
    const found = byId.get(row.record.idNumber);
    if (!found) return { row, outcome: ImportOutcome.CREATED };
    if (found.deletedAt) row.messages.push("该医师已被删除，如需恢复请联系上级卫生行政部门");
    else if (found.institutionId === row.institution!.id)
      return { row, outcome: ImportOutcome.UPDATED, existing: found };
    else if (found.institutionId === null) {
      if (adminImport) return { row, outcome: ImportOutcome.UPDATED, existing: found };
      row.messages.push("该医师未在任何机构执业，请使用“调入医师”");
    } else
      row.messages.push(
        `该医师已在其他机构（${names.get(found.institutionId) ?? "其他机构"}）执业，需原机构调离后再导入`,
      );
    return { row, outcome: ImportOutcome.REFUSED };
  });
}

async function write(em: EntityManager, ctx: Context, verdicts: Verdict[]): Promise<void> {
  const creates = new Map<number, Verdict[]>();
  for (const v of verdicts.filter((x) => x.outcome === ImportOutcome.CREATED)) {
    const list = creates.get(v.row.institution!.id) ?? [];
    list.push(v);
    creates.set(v.row.institution!.id, list);
  }
  for (const list of creates.values()) {
    await insertPhysicians(
      em,
      list[0].row.institution!,
      list.map((v) => v.row.record!),
      list.map((v) => v.row.practisingStatus ?? PractisingStatus.PRACTISING),
    );
  }
  const now = new Date();
  for (const v of verdicts.filter((x) => x.outcome === ImportOutcome.UPDATED)) {
    const { legacyIdNumber: _keep, ...values } = v.row.record!;
    const inst = v.row.institution!;
    const taking = v.existing!.institutionId === null;
    await em.update(
      Physician,
      { id: v.existing!.id },
      {
        ...values,
        ...(v.row.practisingStatus ? { practisingStatus: v.row.practisingStatus } : {}),
        institutionId: inst.id,
        updatedAt: now,
      },
    );
    await em.update(Account, { physicianId: v.existing!.id }, { displayName: values.name });
    if (taking) {
      await em.insert(PhysicianTransfer, {
        physicianId: v.existing!.id,
        direction: "IN",
        institutionId: inst.id,
        reason: "名册导入",
        byAccountId: ctx.principal!.id,
        at: now,
      });
      const cycle = await currentCycle(em, inst.provinceCode);
      if (cycle)
        await attachRosterApplications(em, cycle, inst, [{ id: v.existing!.id, departmentId: values.departmentId }]);
    }
  }
}

async function saveResults(em: EntityManager, jobId: number, verdicts: Verdict[]) {
  await bulkInsert(
    em,
    "import_row_result",
    ["job_id", "row_number", "outcome", "name", "id_number_masked", "messages"],
    verdicts.map((v) => [
      jobId,
      v.row.rowNumber,
      v.outcome,
      v.row.name,
      v.row.record ? maskIdNumber(v.row.record.idNumber) : maskIdNumber(v.row.idNumberText).slice(0, 24),
      JSON.stringify(v.row.messages),
    ]),
  );
}

/** While an import runs its job is touched this often; a job not touched for STALE_MS was interrupted. */
export const IMPORT_HEARTBEAT_MS = 20_000;

/** The message for a file that stopped parsing, saying what was kept when chunks were already written. */
function unreadableFileMessage(err: NotASpreadsheetError, rowsDone: number): string {
  const what = err.at
    ? `文件在第 ${err.at.line} 行附近格式有误（${err.at.reason}）`
    : "文件不是有效的 Excel（.xlsx）或 CSV 表格，请使用下载的模板";
  return rowsDone ? `${what}，导入已中止；此前的 ${rowsDone} 行已处理，详见导入报告` : what;
}

/**
 * 导入医师名册: the upload is received whole first (the size cap, or a client hanging up, ends it there with nothing
 * written), then its rows are read as a stream and handled 500 at a time, each chunk in one transaction with
 * multi-row inserts. Every row is validated whole before anything is written for it. A file that breaks off
 * midway keeps the chunks already written, and its job is marked failed with exactly those.
 */
export async function importRoster(ctx: Context, upload: Promise<FileUpload>): Promise<ImportJob> {
  const principal = requirePrincipal(ctx);
  const adminImport = !principal.roles.has(Role.INSTITUTION);
  if (adminImport && !principal.roles.has(Role.HEALTH_ADMIN)) throw forbidden();
  const own = adminImport
    ? null
    : await ctx.ds.getRepository(Institution).findOneByOrFail({ id: principal.institutionId! });
  const stored = await storeUpload(ctx, upload);
  try {
    return await importStoredRoster(ctx, stored, principal, own);
  } finally {
    await ctx.storage.remove(stored.key);
  }
}

async function importStoredRoster(
  ctx: Context,
  stored: StoredFile & { fileName: string },
  principal: Principal,
  own: Institution | null,
): Promise<ImportJob> {
  const adminImport = !own;
  const fileName = stored.fileName === "file" ? "名册" : stored.fileName;
  const jobs = ctx.ds.getRepository(ImportJob);
  let fields: (RosterField | null)[] | null = null;
  let job: ImportJob | null = null;
  let heartbeat: NodeJS.Timeout | undefined;
  const seen = new Map<string, number>();
  const resolver = new InstitutionResolver(ctx.ds.manager, principal, own);
  const tally = { totalRows: 0, created: 0, updated: 0, refused: 0 };
  let chunk: SheetRow[] = [];

  const flush = async () => {
    if (!chunk.length || !fields || !job) return;
    const batch = chunk;
    chunk = [];
    const parsed: ParsedRow[] = [];
    for (const row of batch) parsed.push(await parseRow(row, fields, resolver));
    let verdicts = await judge(ctx.ds.manager, parsed, seen, adminImport);
    try {
      await inTransaction(ctx.ds, async (em) => {
        await write(em, ctx, verdicts);
        await saveResults(em, job!.id, verdicts);
      });
    } catch (err) {
      logger.error({ err, jobId: job.id }, "roster import chunk failed");
      verdicts = verdicts.map((v) => ({
        ...v,
        outcome: ImportOutcome.REFUSED,
        row: { ...v.row, messages: [...v.row.messages, "写入失败，本批数据未导入，请稍后重新导入"] },
      }));
      await inTransaction(ctx.ds, (em) => saveResults(em, job!.id, verdicts));
    }
    for (const v of verdicts) {
      tally.totalRows++;
      if (v.outcome === ImportOutcome.CREATED) tally.created++;
      else if (v.outcome === ImportOutcome.UPDATED) tally.updated++;
      else tally.refused++;
    }
  };

  try {
    for await (const row of readSheetRows(() => ctx.storage.open(stored.key))) {
      if (row.cells.every((c) => !String(c ?? "").trim())) continue;
      if (!fields) {
        const mapped = mapHeaders(row.cells);
        if (mapped.missing.length)
          throw badInput(`表头缺少必填列：${mapped.missing.join("、")}。请使用下载的模板填写`, "file");
        fields = mapped.fields;
        const now = new Date();
        job = await jobs.save({
          byAccountId: principal.id,
          institutionId: own?.id ?? null,
          regionCode: adminImport ? principal.regionCode : null,
          fileName,
          startedAt: now,
          heartbeatAt: now,
          finishedAt: null,
          failureReason: null,
        });
        const jobId = job.id;
        heartbeat = setInterval(
          () => void jobs.update({ id: jobId }, { heartbeatAt: new Date() }).catch(() => undefined),
          IMPORT_HEARTBEAT_MS,
        ).unref();
        continue;
      }
      chunk.push(row);
      if (chunk.length >= CHUNK) await flush();
    }
    await flush();
  } catch (err) {
    const unreadable = err instanceof NotASpreadsheetError;
    if (job) {
      const failureReason = unreadable ? unreadableFileMessage(err, tally.totalRows) : "导入过程中发生系统错误，已中止";
      await jobs
        .update({ id: job.id }, { ...tally, finishedAt: new Date(), failureReason: failureReason.slice(0, 500) })
        .catch((e: unknown) => logger.error({ err: e, jobId: job!.id }, "could not mark the import job failed"));
    }
    if (unreadable)
      throw new AppError(ErrorCode.BAD_USER_INPUT, unreadableFileMessage(err, tally.totalRows), {
        field: "file",
        ...(job ? { importJobId: job.id } : {}),
      });
    throw err;
  } finally {
    clearInterval(heartbeat);
  }
  if (!job) throw badInput("文件中没有数据，请使用下载的模板填写后再导入", "file");
  await jobs.update({ id: job.id }, { ...tally, finishedAt: new Date() });
  await auditNow(ctx.ds, ctx, {
    action: "physician.import",
    targetType: "ImportJob",
    targetId: job.id,
    detail: { fileName, ...tally },
  });
  return jobs.findOneByOrFail({ id: job.id });
}

/** An import report, for the account that ran it or an administration over its scope. */
export async function visibleImportJob(ctx: Context, id: number): Promise<ImportJob | null> {
  const p = requirePrincipal(ctx);
  const job = await ctx.ds.getRepository(ImportJob).findOneBy({ id });
  if (!job) return null;
  if (job.byAccountId === p.id) return job;
  if (job.institutionId && p.institutionId === job.institutionId && p.roles.has(Role.INSTITUTION)) return job;
  return null;
}
