import { format } from "mysql2";
import { createConnection, type Connection } from "mysql2/promise";
import { hashPassword, initialPasswordHash } from "../accounts/password-hash";
import { INITIAL_PASSWORD } from "../accounts/password-policy";
import { EVENT_COLUMNS } from "../assessment/application-event.entity";
import { cycleAround } from "../assessment/cycle.defaults";
import { todayInChina } from "../assessment/cycle.entity";
import { ApplicationStatus, EVENT_LABEL, WorkflowAction } from "../assessment/workflow";
import { practiceCategories, referenceLists } from "../catalogs/catalog";
import { withCreditCheck } from "../common/credit-code";
import { checkCharacter } from "../common/id-number";
import { createDataSource } from "../db/data-source";
import { entities } from "../entities";
import { DEMO_COUNTIES } from "../demo/regions";
import { prng } from "../common/prng";
import {
  BENCH_DB,
  BENCH_PASSWORD,
  BENCH_PHYSICIANS,
  benchDbUrl,
  DATASET_VERSION,
  MARKER_KEY,
  pick,
  PROVINCE,
  serverUrl,
  sqlDateTime,
  USERS,
} from "./common";

/**
 * The province-scale data set: 1 province, 14 cities, 98 counties, their administrations, 20 000
 * institutions, 80 000 departments, 200 000 physicians (with accounts), one current cycle, 200 000
 * applications, 1 000 000 timeline events and the status counters — written with multi-row INSERTs
 * of 1 000 rows into the schema the committed migrations create. BENCH_PHYSICIANS scales it (see benchSizes).
 */

export const SIZES = benchSizes(BENCH_PHYSICIANS);

/**
 * The issue's scale (200 000 physicians) by default; BENCH_PHYSICIANS scales institutions, departments, events
 * and the assessment institutions' staff with it for quick runs. The three benchmark hospitals keep their
 * 5 000 / 5 000 / 300 physicians, so the 批量参加 of 5 000 and the big hospital's pages stay the same size.
 */
function benchSizes(physicians: number) {
  const scale = physicians / 200_000;
  const institutions = Math.max(200, Math.round(20_000 * scale));
  return {
    institutions,
    departments: institutions * 4,
    physicians,
    events: physicians * 5,
    /** Staff of each of the 42 assessment institutions. */
    perAssessor: Math.min(800, Math.round(800 * scale)),
    rowsPerStatement: 1_000,
  };
}

/** Institution ids with a role in the benchmark. */
export const INST = { big: 1, enroll: 2, importer: 3 } as const;

export interface Dataset {
  version: number;
  seededAt: string;
  seedSeconds: number;
  cycleId: number;
  maxPhysicianId: number;
  maxApplicationId: number;
  maxEventId: number;
  institutions: { big: number; enroll: number; importer: number };
  counts: Record<string, number>;
}

export interface SeedOutcome {
  dataset: Dataset;
  seeded: boolean;
  seconds: number;
  /** Seconds per phase when seeded now. */
  phases: Record<string, number>;
  countersMatch: boolean;
}

const S = ApplicationStatus;

/** Mid-cycle spread of statuses (shares of all applications). */
const STATUS_SHARES: [ApplicationStatus, number][] = [
  [S.NOT_ENROLLED, 0.08],
  [S.AWAITING_REGISTRATION, 0.1],
  [S.RETURNED_TO_PHYSICIAN, 0.03],
  [S.AWAITING_INSTITUTION_REVIEW, 0.12],
  [S.RETURNED_TO_INSTITUTION, 0.02],
  [S.AWAITING_ASSESSMENT_REVIEW, 0.1],
  [S.AWAITING_TEST, 0.2],
  [S.AWAITING_MAKEUP_CONFIRMATION, 0.01],
  [S.AWAITING_MAKEUP_TEST, 0.01],
  [S.QUALIFIED, 0.31],
  [S.UNQUALIFIED, 0.02],
];

const SUBMITTED = new Set<ApplicationStatus>([
  S.RETURNED_TO_PHYSICIAN,
  S.AWAITING_INSTITUTION_REVIEW,
  S.RETURNED_TO_INSTITUTION,
  S.AWAITING_ASSESSMENT_REVIEW,
  S.AWAITING_TEST,
  S.AWAITING_MAKEUP_CONFIRMATION,
  S.AWAITING_MAKEUP_TEST,
  S.QUALIFIED,
  S.UNQUALIFIED,
]);
const INSTITUTION_REVIEWED = new Set<ApplicationStatus>([
  S.RETURNED_TO_INSTITUTION,
  S.AWAITING_ASSESSMENT_REVIEW,
  S.AWAITING_TEST,
  S.AWAITING_MAKEUP_CONFIRMATION,
  S.AWAITING_MAKEUP_TEST,
  S.QUALIFIED,
  S.UNQUALIFIED,
]);
const ASSESSED = new Set<ApplicationStatus>([
  S.RETURNED_TO_INSTITUTION,
  S.AWAITING_TEST,
  S.AWAITING_MAKEUP_CONFIRMATION,
  S.AWAITING_MAKEUP_TEST,
  S.QUALIFIED,
  S.UNQUALIFIED,
]);

const DEPARTMENT_NAMES = [
  "心血管内科",
  "呼吸内科",
  "消化内科",
  "神经内科",
  "肾内科",
  "内分泌科",
  "血液内科",
  "风湿免疫科",
  "感染科",
  "老年医学科",
  "普通外科",
  "骨科",
  "神经外科",
  "心胸外科",
  "泌尿外科",
  "烧伤整形科",
  "肝胆外科",
  "胃肠外科",
  "乳腺外科",
  "血管外科",
  "妇科",
  "产科",
  "儿科",
  "新生儿科",
  "眼科",
  "耳鼻咽喉科",
  "口腔科",
  "皮肤科",
  "精神科",
  "康复医学科",
  "麻醉科",
  "重症医学科",
  "急诊科",
  "全科医学科",
  "肿瘤科",
  "放疗科",
  "核医学科",
  "医学影像科",
  "超声科",
  "检验科",
  "病理科",
  "中医科",
  "针灸推拿科",
  "疼痛科",
  "介入科",
  "营养科",
  "预防保健科",
  "健康管理中心",
  "生殖医学科",
  "小儿外科",
  "甲状腺外科",
  "结直肠肛门外科",
  "运动医学科",
  "睡眠医学科",
  "临床心理科",
  "输血科",
  "药剂科",
  "职业病科",
  "发热门诊",
  "门诊部",
];
const SURNAMES =
  "王李张刘陈杨黄赵吴周徐孙马朱胡郭何高林罗郑梁谢宋唐许韩冯邓曹彭曾肖田董袁潘于蒋蔡余杜叶程苏魏吕丁任沈姚卢姜崔钟谭陆汪范金石廖贾夏韦付方白邹孟熊秦邱江尹薛闫段雷侯龙史陶黎贺顾毛郝龚邵万钱严覃武戴莫孔向汤".split(
    "",
  );
const GIVEN =
  "伟芳娜敏静丽强磊军洋勇艳杰娟涛明超秀霞平刚桂英华玉兰萍红鹏飞斌宇浩凯健俊帆晨欣怡佳琳雪梅婷慧颖倩志国建文海波辉宁林峰".split(
    "",
  );
const INSTITUTION_TYPES: [string, number, string][] = [
  // type, weight for physicians, level code
  ["综合医院", 30, "22"],
  ["中医医院", 20, "23"],
  ["专科医院", 10, "29"],
  ["妇幼保健院", 12, "22"],
  ["社区卫生服务中心", 6, "19"],
  ["乡镇卫生院", 5, "12"],
  ["门诊部", 2, "90"],
  ["诊所", 1, "90"],
  ["村卫生室", 1, "90"],
  ["疾病预防控制中心", 4, "90"],
];
const TITLES = ["主任医师", "副主任医师", "主治医师", "主治医师", "医师", "医师", "主管医师", "中医师", "主治中医师"];

const DAY = 86_400_000;

/** A valid 18-digit ID number, unique for every serial n (birth day and sequence are a function of n). */
export function benchIdNumber(countyCode: string, n: number): string {
  const birth = new Date(Date.UTC(1960, 0, 1) + (n % 14_000) * DAY);
  const ymd = birth.toISOString().slice(0, 10).replace(/-/g, "");
  const first17 = `${countyCode}${ymd}${String(Math.floor(n / 14_000) % 1000).padStart(3, "0")}`;
  return first17 + checkCharacter(first17);
}

export const chineseName = (r: () => number) => pick(r, SURNAMES) + pick(r, GIVEN) + (r() < 0.6 ? pick(r, GIVEN) : "");

/** Splits `total` over weights exactly (largest remainders). */
function spread(total: number, weights: number[]): number[] {
  const sum = weights.reduce((a, b) => a + b, 0);
  const raw = weights.map((w) => (total * w) / sum);
  const out = raw.map(Math.floor);
  let left = total - out.reduce((a, b) => a + b, 0);
  const order = raw.map((v, i) => [v - Math.floor(v), i] as const).sort((a, b) => b[0] - a[0]);
  for (let k = 0; left > 0; k++, left--) out[order[k % order.length][1]]++;
  return out;
}

/** The big tables spread over the three connections (events alone are a third of the bytes). */
const TABLE_CONNECTION: Record<string, number> = { physician: 0, account: 1, application: 1, application_event: 2 };

/**
 * Multi-row INSERTs over a few connections, at most one statement in flight per connection. Each
 * table sticks to one connection: two open transactions inserting into one table would wait on each
 * other's index locks.
 */
class BulkWriter {
  private inflight: Promise<void>[];
  private readonly connectionOf = new Map<string, number>();
  private sinceCommit: number[];
  statements = 0;
  /** Seconds the database spent on each table's statements (sum over statements, overlapping across connections). */
  readonly busy = new Map<string, number>();
  constructor(private readonly conns: Connection[]) {
    this.inflight = conns.map(() => Promise.resolve());
    this.sinceCommit = conns.map(() => 0);
  }

  async insert(table: string, columns: string[], rows: unknown[][]): Promise<void> {
    if (!rows.length) return;
    const sql = format(`INSERT INTO \`${table}\` (${columns.map((c) => `\`${c}\``).join(", ")}) VALUES ?`, [
      rows as never,
    ]);
    if (!this.connectionOf.has(table))
      this.connectionOf.set(table, TABLE_CONNECTION[table] ?? this.connectionOf.size % this.conns.length);
    const i = this.connectionOf.get(table)!;
    await this.inflight[i];
    const conn = this.conns[i];
    this.statements++;
    const t0 = Date.now();
    this.inflight[i] = conn.query(sql).then(async () => {
      this.busy.set(table, (this.busy.get(table) ?? 0) + (Date.now() - t0) / 1000);
      // Commit every 20 statements: far fewer log flushes than autocommit, small transactions.
      if (++this.sinceCommit[i] >= 20) {
        this.sinceCommit[i] = 0;
        await conn.query("COMMIT");
      }
    });
  }

  table(table: string, columns: string[]) {
    let buffer: unknown[][] = [];
    return {
      add: async (row: unknown[]) => {
        buffer.push(row);
        if (buffer.length >= SIZES.rowsPerStatement) {
          const rows = buffer;
          buffer = [];
          await this.insert(table, columns, rows);
        }
      },
      end: async () => {
        const rows = buffer;
        buffer = [];
        await this.insert(table, columns, rows);
      },
    };
  }

  async flush(): Promise<void> {
    await Promise.all(this.inflight);
    await Promise.all(this.conns.map((c) => c.query("COMMIT")));
    this.sinceCommit = this.conns.map(() => 0);
  }
}

async function readMarker(admin: Connection): Promise<Dataset | null> {
  try {
    const [rows] = await admin.query(`SELECT value FROM \`${BENCH_DB}\`.app_setting WHERE \`key\` = ?`, [MARKER_KEY]);
    const value = (rows as { value: string }[])[0]?.value;
    const parsed = value ? (JSON.parse(value) as Dataset) : null;
    return parsed?.version === DATASET_VERSION ? parsed : null;
  } catch {
    return null;
  }
}

/** Creates the database and brings it up to date through the app's DataSource and committed migrations. */
async function migrate(): Promise<void> {
  const ds = await createDataSource({ databaseUrl: benchDbUrl(), sqlitePath: "", entities });
  await ds.initialize();
  try {
    await ds.runMigrations({ transaction: "each" });
  } finally {
    await ds.destroy();
  }
}

/** Opens the registration window around today (the data set may be reused for months). */
async function refreshCycle(conn: Connection, cycleId: number) {
  const fresh = cycleAround(todayInChina(), PROVINCE);
  await conn.query("UPDATE assessment_cycle SET phases = ? WHERE id = ?", [JSON.stringify(fresh.phases), cycleId]);
}

export async function countersMatchLive(conn: Connection, institutionId?: number): Promise<boolean> {
  const where = institutionId ? "AND institution_id = ?" : "";
  const params = institutionId ? [institutionId] : [];
  const [live] = await conn.query(
    `SELECT institution_id AS i, status AS s, COUNT(*) AS n FROM application WHERE institution_id IS NOT NULL ${where} GROUP BY institution_id, status`,
    params,
  );
  const [counted] = await conn.query(
    `SELECT institution_id AS i, status AS s, count AS n FROM status_counter WHERE count <> 0 ${where}`,
    params,
  );
  const key = (r: { i: number; s: string; n: number | string }) => `${r.i}|${r.s}|${Number(r.n)}`;
  const a = new Set((live as { i: number; s: string; n: number }[]).map(key));
  const b = (counted as { i: number; s: string; n: number }[]).map(key);
  if (!(a.size === b.length && b.every((k) => a.has(k)))) return false;
  if (institutionId) return true;
  const [liveCounties] = await conn.query(
    `SELECT i.county_code AS i, a.status AS s, COUNT(*) AS n FROM application a JOIN institution i ON i.id = a.institution_id GROUP BY i.county_code, a.status`,
  );
  const [keptCounties] = await conn.query(
    "SELECT county_code AS i, status AS s, count AS n FROM region_status_counter WHERE count <> 0",
  );
  const c = new Set((liveCounties as { i: number; s: string; n: number }[]).map(key));
  const d = (keptCounties as { i: number; s: string; n: number }[]).map(key);
  return c.size === d.length && d.every((k) => c.has(k));
}

/** The county-level counters (region_status_counter) from the institution counters, as openRoster builds them. */
export async function rebuildRegionCounters(conn: Connection): Promise<void> {
  await conn.query("DELETE FROM region_status_counter");
  await conn.query(
    `INSERT INTO region_status_counter (cycle_id, county_code, status, province_code, city_code, count)
     SELECT cycle_id, county_code, status, MIN(province_code), MIN(city_code), SUM(count)
     FROM status_counter GROUP BY cycle_id, county_code, status`,
  );
}

/** Recomputes the counters of one institution from its applications (after the benchmark's direct resets). */
export async function recountInstitution(conn: Connection, institutionId: number | number[]): Promise<void> {
  const ids = Array.isArray(institutionId) ? institutionId : [institutionId];
  await conn.query("DELETE FROM status_counter WHERE institution_id IN (?)", [ids]);
  await conn.query(
    `INSERT INTO status_counter (cycle_id, institution_id, status, province_code, city_code, county_code, count)
     SELECT a.cycle_id, a.institution_id, a.status, i.province_code, i.city_code, i.county_code, COUNT(*)
     FROM application a JOIN institution i ON i.id = a.institution_id WHERE a.institution_id IN (?)
     GROUP BY a.cycle_id, a.institution_id, a.status`,
    [ids],
  );
  await rebuildRegionCounters(conn);
}

export async function openBenchConnection(): Promise<Connection> {
  return createConnection({ uri: benchDbUrl(), timezone: "Z", supportBigNumbers: true, charset: "utf8mb4_unicode_ci" });
}

export async function ensureDataset(reseed: boolean, log: (s: string) => void): Promise<SeedOutcome> {
  const started = Date.now();
  const admin = await createConnection({ uri: serverUrl() });
  let marker: Dataset | null;
  try {
    marker = reseed ? null : await readMarker(admin);
    if (!marker) {
      log(reseed ? "--reseed: dropping the data set" : "no data set (or an older version): seeding");
      await admin.query(`DROP DATABASE IF EXISTS \`${BENCH_DB}\``);
      await admin.query(`CREATE DATABASE \`${BENCH_DB}\` CHARACTER SET utf8mb4 COLLATE utf8mb4_unicode_ci`);
    }
  } finally {
    await admin.end();
  }
  await migrate();
  const conn = await openBenchConnection();
  try {
    if (marker) {
      await refreshCycle(conn, marker.cycleId);
      // A data set seeded before a migration added region_status_counter gets it from the institution counters.
      await rebuildRegionCounters(conn);
      log(
        `data set v${marker.version} present (seeded ${marker.seededAt} in ${marker.seedSeconds.toFixed(1)} s): reused; --reseed to rebuild`,
      );
      return {
        dataset: marker,
        seeded: false,
        seconds: (Date.now() - started) / 1000,
        phases: {},
        countersMatch: await countersMatchLive(conn),
      };
    }
    const { dataset, phases } = await seed(conn, log);
    const countersMatch = await countersMatchLive(conn);
    dataset.seedSeconds = (Date.now() - started) / 1000;
    await conn.query(
      "INSERT INTO app_setting (`key`, value) VALUES (?, ?) ON DUPLICATE KEY UPDATE value = VALUES(value)",
      [MARKER_KEY, JSON.stringify(dataset)],
    );
    return { dataset, seeded: true, seconds: dataset.seedSeconds, phases, countersMatch };
  } finally {
    await conn.end();
  }
}

interface InstitutionRow {
  id: number;
  name: string;
  cityIndex: number;
  cityCode: string;
  countyCode: string;
  accountId: number;
  assessorAccountId: number;
  departments: { start: number; count: number };
  physicians: number;
}

async function seed(
  main: Connection,
  log: (s: string) => void,
): Promise<{ dataset: Dataset; phases: Record<string, number> }> {
  const r = prng(20260101);
  const phases: Record<string, number> = {};
  let t = Date.now();
  const phase = (name: string) => {
    const now = Date.now();
    phases[name] = (now - t) / 1000;
    log(`  ${name}: ${phases[name].toFixed(1)} s`);
    t = now;
  };

  const conns = [main, await openBenchConnection(), await openBenchConnection()];
  for (const c of conns) await c.query("SET autocommit = 0, unique_checks = 0, foreign_key_checks = 0");
  const w = new BulkWriter(conns);

  const benchHash = await hashPassword(BENCH_PASSWORD);
  const physicianHash = await initialPasswordHash(INITIAL_PASSWORD);
  const now = Date.now();
  const nowText = sqlDateTime(now);

  // ---- regions and administrations
  const cities = referenceLists.guangxiCities;
  const counties = cities.flatMap((c, ci) =>
    Array.from({ length: 7 }, (_, k) => {
      const code = `${c.code.slice(0, 4)}${String(k + 1).padStart(2, "0")}`;
      const known = DEMO_COUNTIES[c.code]?.find(([cc]) => cc === code)?.[1];
      return { code, name: known ?? `${c.name.replace(/市$/, "")}第${k + 1}区`, cityIndex: ci, cityCode: c.code };
    }),
  );
  await w.insert(
    "region",
    ["code", "name", "level", "parent_code"],
    [
      [PROVINCE, referenceLists.provinceName, "PROVINCE", null],
      ...cities.map((c) => [c.code, c.name, "CITY", PROVINCE]),
      ...counties.map((c) => [c.code, c.name, "COUNTY", c.cityCode]),
    ],
  );
  const adminRows: unknown[][] = [
    [1, `${referenceLists.provinceName}卫生健康委员会`, PROVINCE, "PROVINCE", null, "省卫健委联系人", "0771-2800000"],
  ];
  const cityAdminId = (ci: number) => 2 + ci;
  const countyAdminId = (k: number) => 2 + cities.length + k;
  cities.forEach((c, ci) =>
    adminRows.push([cityAdminId(ci), `${c.name}卫生健康委员会`, c.code, "CITY", 1, "联系人", "0771-2800001"]),
  );
  counties.forEach((c, k) =>
    adminRows.push([
      countyAdminId(k),
      `${c.name}卫生健康局`,
      c.code,
      "COUNTY",
      cityAdminId(c.cityIndex),
      "联系人",
      "0771-2800002",
    ]),
  );
  await w.insert(
    "health_administration",
    ["id", "name", "region_code", "level", "parent_id", "contact_person", "contact_phone"],
    adminRows,
  );

  // ---- institutions (ids 1..3 benchmark hospitals, 4..45 assessment institutions, 3 per city, the rest assigned to one of them)
  const n = SIZES.institutions;
  const assessorsPerCity = 3;
  const firstAssessor = 4;
  const assessorId = (ci: number, k: number) => firstAssessor + ci * assessorsPerCity + k;
  const lastAssessor = assessorId(cities.length - 1, assessorsPerCity - 1);
  const cityWeights = cities.map((_, ci) => (ci === 0 ? 3 : ci < 3 ? 2 : 1));
  const cityOf = () => {
    let x = r() * cityWeights.reduce((a, b) => a + b, 0);
    for (let ci = 0; ci < cityWeights.length; ci++) if ((x -= cityWeights[ci]) < 0) return ci;
    return 0;
  };
  const countiesOf = (ci: number) => counties.map((c, k) => ({ ...c, k })).filter((c) => c.cityIndex === ci);
  const institutions: InstitutionRow[] = [];
  const instRows: unknown[][] = [];
  const physicianWeights: number[] = [];
  for (let id = 1; id <= n; id++) {
    let ci: number;
    let county: ReturnType<typeof countiesOf>[number];
    let name: string;
    let type = "综合医院";
    let level = "32";
    let weight: number;
    let isAssessor = 0;
    let assessmentInstitutionId: number | null;
    let superior: number;
    if (id <= 3) {
      ci = id === 3 ? 1 : 0;
      county = countiesOf(ci)[id === 1 ? 2 : id === 2 ? 4 : 1];
      name = ["广西医科大学第一附属医院", "南宁市第一人民医院", "柳州市人民医院"][id - 1];
      weight = 0;
      assessmentInstitutionId = assessorId(ci, 0);
      superior = cityAdminId(ci);
    } else if (id <= lastAssessor) {
      ci = Math.floor((id - firstAssessor) / assessorsPerCity);
      const k = (id - firstAssessor) % assessorsPerCity;
      county = countiesOf(ci)[k];
      name = `${cities[ci].name}${["人民医院", "中医医院", "第二人民医院"][k]}`;
      type = k === 1 ? "中医医院" : "综合医院";
      weight = 0;
      isAssessor = 1;
      assessmentInstitutionId = null;
      superior = cityAdminId(ci);
    } else {
      ci = cityOf();
      county = pick(r, countiesOf(ci));
      const [t0, w0, l0] = pick(r, INSTITUTION_TYPES);
      type = t0;
      level = l0;
      weight = w0 * (0.5 + r());
      name = `${county.name}${t0}${id}`;
      assessmentInstitutionId = assessorId(ci, Math.floor(r() * assessorsPerCity));
      superior = countyAdminId(county.k);
    }
    institutions.push({
      id,
      name,
      cityIndex: ci,
      cityCode: cities[ci].code,
      countyCode: county.code,
      accountId: id,
      assessorAccountId: assessmentInstitutionId ?? id,
      departments: { start: 0, count: 0 },
      physicians: 0,
    });
    physicianWeights.push(weight);
    instRows.push([
      id,
      name,
      withCreditCheck(`12450100${String(100_000_000 + id).slice(-9)}`),
      `PDY${String(id).padStart(6, "0")}`,
      type,
      level,
      "1",
      PROVINCE,
      cities[ci].code,
      county.code,
      `${county.name}健康路${id}号`,
      "法定代表人",
      "联系人",
      "0771-5550000",
      isAssessor || id <= 3 ? 1500 : null,
      superior,
      assessmentInstitutionId,
      isAssessor,
      1,
      nowText,
      1,
      nowText,
      nowText,
    ]);
  }
  for (let i = 0; i < instRows.length; i += SIZES.rowsPerStatement) {
    await w.insert(
      "institution",
      [
        "id",
        "name",
        "credit_code",
        "license_no",
        "type",
        "level_code",
        "nature_code",
        "province_code",
        "city_code",
        "county_code",
        "address",
        "legal_representative",
        "contact_person",
        "contact_phone",
        "bed_count",
        "superior_admin_id",
        "assessment_institution_id",
        "is_assessment_institution",
        "assessment_application_allowed",
        "profile_completed_at",
        "version",
        "created_at",
        "updated_at",
      ],
      instRows.slice(i, i + SIZES.rowsPerStatement),
    );
  }

  // ---- departments: 60 / 40 / 30 for the benchmark hospitals, 20 per assessment institution, ~4 elsewhere
  const fixedDeps = (id: number) => (id === 1 ? 60 : id === 2 ? 40 : id === 3 ? 30 : id <= lastAssessor ? 20 : 0);
  const fixedDepTotal = institutions.reduce((s, i) => s + fixedDeps(i.id), 0);
  const otherDeps = spread(
    SIZES.departments - fixedDepTotal,
    institutions.filter((i) => !fixedDeps(i.id)).map(() => 0.5 + r()),
  );
  let depId = 1;
  let otherIndex = 0;
  const departments = w.table("department", [
    "id",
    "institution_id",
    "name",
    "subject_codes",
    "enabled",
    "created_at",
    "updated_at",
  ]);
  for (const inst of institutions) {
    const count = Math.min(fixedDeps(inst.id) || otherDeps[otherIndex++], DEPARTMENT_NAMES.length);
    inst.departments = { start: depId, count };
    for (let k = 0; k < count; k++)
      await departments.add([depId++, inst.id, DEPARTMENT_NAMES[k], '["03"]', 1, nowText, nowText]);
  }
  await departments.end();

  // ---- physician counts: 5 000 / 5 000 / 300, 800 per assessment institution (fewer at a smaller scale), the rest by type weight
  const fixedPhysicians = (id: number) =>
    id === 1 || id === 2 ? 5000 : id === 3 ? 300 : id <= lastAssessor ? SIZES.perAssessor : 0;
  const fixedTotal = institutions.reduce((s, i) => s + fixedPhysicians(i.id), 0);
  const others = institutions.filter((i) => !fixedPhysicians(i.id));
  const otherCounts = spread(
    SIZES.physicians - fixedTotal,
    others.map((i) => physicianWeights[i.id - 1]),
  );
  others.forEach((inst, k) => (inst.physicians = otherCounts[k]));
  for (const inst of institutions) if (fixedPhysicians(inst.id)) inst.physicians = fixedPhysicians(inst.id);

  // ---- accounts: one per institution and administration (bench password), one per physician (initial password)
  const accounts = w.table("account", [
    "id",
    "username",
    "password_hash",
    "kind",
    "display_name",
    "institution_id",
    "physician_id",
    "admin_id",
    "must_change_password",
    "enabled",
    "created_at",
  ]);
  const instUser = (id: number) =>
    id === INST.big
      ? USERS.big
      : id === INST.enroll
        ? USERS.enroll
        : id === INST.importer
          ? USERS.importer
          : `inst${id}`;
  for (const inst of institutions)
    await accounts.add([
      inst.id,
      instUser(inst.id),
      benchHash,
      "INSTITUTION",
      inst.name,
      inst.id,
      null,
      null,
      0,
      1,
      nowText,
    ]);
  const adminAccountBase = n;
  for (const row of adminRows) {
    const adminId = row[0] as number;
    await accounts.add([
      adminAccountBase + adminId,
      adminId === 1 ? USERS.province : `admin_${row[2]}`,
      benchHash,
      "HEALTH_ADMIN",
      row[1],
      null,
      null,
      adminId,
      0,
      1,
      nowText,
    ]);
  }
  const physicianAccountBase = adminAccountBase + adminRows.length;
  phase("regions, institutions, departments");

  // ---- cycle
  const cycle = cycleAround(todayInChina(), PROVINCE);
  await w.insert(
    "assessment_cycle",
    [
      "id",
      "name",
      "province_code",
      "start_date",
      "end_date",
      "is_current",
      "phases",
      "required_tests",
      "work_quantity_standards",
      "simple_procedure_rule",
      "notice",
      "created_at",
    ],
    [
      [
        1,
        cycle.name,
        PROVINCE,
        cycle.startDate,
        cycle.endDate,
        1,
        JSON.stringify(cycle.phases),
        JSON.stringify(cycle.requiredTests),
        JSON.stringify(cycle.workQuantityStandards),
        JSON.stringify(cycle.simpleProcedureRule),
        cycle.notice,
        nowText,
      ],
    ],
  );
  const cycleStart = now - 85 * DAY;

  // ---- statuses first (the event total is fixed, so extra return rounds are dealt out before writing)
  const total = SIZES.physicians;
  const statuses: ApplicationStatus[] = new Array(total);
  const practising: string[] = new Array(total);
  const physicianInst = new Int32Array(total);
  {
    let pid = 0;
    for (const inst of institutions) {
      for (let k = 0; k < inst.physicians; k++, pid++) {
        physicianInst[pid] = inst.id;
        const x = r();
        practising[pid] =
          inst.id === INST.enroll || x < 0.97 ? "PRACTISING" : x < 0.99 ? "SUSPENDED" : "NOT_PRACTISING";
        let y = r();
        let status = S.QUALIFIED;
        for (const [s, share] of STATUS_SHARES)
          if ((y -= share) < 0) {
            status = s;
            break;
          }
        statuses[pid] = practising[pid] === "PRACTISING" ? status : S.NOT_ENROLLED;
      }
    }
  }
  const baseEvents = (s: ApplicationStatus, general: boolean): number =>
    ({
      NOT_ENROLLED: 0,
      AWAITING_REGISTRATION: 1,
      RETURNED_TO_PHYSICIAN: 3,
      AWAITING_INSTITUTION_REVIEW: 2,
      RETURNED_TO_INSTITUTION: 4,
      AWAITING_ASSESSMENT_REVIEW: 3,
      AWAITING_TEST: general ? 5 : 4,
      AWAITING_MAKEUP_CONFIRMATION: general ? 6 : 5,
      AWAITING_MAKEUP_TEST: general ? 7 : 6,
      QUALIFIED: general ? 6 : 5,
      UNQUALIFIED: general ? 8 : 7,
    })[s];
  const general = new Uint8Array(total);
  const extraRounds = new Uint8Array(total);
  let base = 0;
  const eligible: number[] = [];
  for (let i = 0; i < total; i++) {
    general[i] = SUBMITTED.has(statuses[i]) && r() < 0.4 ? 1 : 0;
    base += baseEvents(statuses[i], general[i] === 1);
    if (SUBMITTED.has(statuses[i])) eligible.push(i);
  }
  const deficit = SIZES.events - base;
  if (deficit < 0) throw new Error(`status spread gives ${base} events, more than ${SIZES.events}`);
  for (let k = 0; k < Math.floor(deficit / 2); k++) {
    const i = eligible[Math.floor(r() * eligible.length)];
    if (extraRounds[i] < 250) extraRounds[i]++;
    else k--;
  }
  let opinionFor = deficit % 2 ? statuses.indexOf(S.AWAITING_INSTITUTION_REVIEW) : -1;

  // ---- physicians, their accounts, applications and timelines, streamed
  const physicians = w.table("physician", [
    "id",
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
    "deleted_at",
  ]);
  const applications = w.table("application", [
    "id",
    "cycle_id",
    "physician_id",
    "institution_id",
    "department_id",
    "procedure_type",
    "status",
    "exemption_status",
    "exempted_test",
    "exemption_reason",
    "exemption_note",
    "draft",
    "submission",
    "submitted_at",
    "institution_review",
    "assessment_review",
    "return_reason",
    "last_action",
    "last_action_at",
    "version",
    "created_at",
    "updated_at",
  ]);
  const events = w.table("application_event", ["id", ...EVENT_COLUMNS]);
  let eventId = 1;
  const names: string[] = new Array(total);

  for (let i = 0; i < total; i++) {
    const id = i + 1;
    const inst = institutions[physicianInst[i] - 1];
    const idNumber = benchIdNumber(inst.countyCode, i);
    const name = chineseName(r);
    names[i] = name;
    const birthDate = `${idNumber.slice(6, 10)}-${idNumber.slice(10, 12)}-${idNumber.slice(12, 14)}`;
    const category = r() < 0.8 ? practiceCategories[0] : pick(r, practiceCategories);
    const scopes = [pick(r, category.scopes).code];
    if (r() < 0.2) scopes.push(pick(r, category.scopes).code);
    const departmentId =
      inst.departments.count && r() < 0.92 ? inst.departments.start + Math.floor(r() * inst.departments.count) : null;
    const firstPractice = `${Number(idNumber.slice(6, 10)) + 24 + Math.floor(r() * 4)}-07-01`;
    const created = sqlDateTime(now - (100 + Math.floor(r() * 900)) * DAY);
    const phone = `1${pick(r, ["35", "38", "39", "58", "77", "88"])}${String(Math.floor(r() * 1e8)).padStart(8, "0")}`;
    await physicians.add([
      id,
      name,
      Number(idNumber[16]) % 2 ? "MALE" : "FEMALE",
      birthDate,
      idNumber,
      null,
      phone,
      `2008451104501${String(i).padStart(6, "0")}`,
      `1104501${String(i).padStart(8, "0")}`,
      category.code,
      JSON.stringify([...new Set(scopes)]),
      r() < 0.85 ? "PHYSICIAN" : "ASSISTANT",
      pick(r, TITLES),
      firstPractice,
      inst.id,
      departmentId,
      "[]",
      practising[i],
      null,
      1,
      created,
      created,
      null,
    ]);
    await accounts.add([
      physicianAccountBase + id,
      idNumber,
      physicianHash,
      "PHYSICIAN",
      name,
      null,
      id,
      null,
      1,
      1,
      created,
    ]);

    // timeline: the natural path to the status, with `extraRounds` 驳回/重新提交 rounds
    const status = statuses[i];
    const proc = SUBMITTED.has(status) ? (general[i] ? "GENERAL" : "SIMPLE") : null;
    const path: [
      WorkflowAction,
      ApplicationStatus | null,
      ApplicationStatus | null,
      "INST" | "SELF" | "ASSESSOR" | "PROVINCE",
    ][] = [];
    const step = (
      a: WorkflowAction,
      from: ApplicationStatus | null,
      to: ApplicationStatus | null,
      who: "INST" | "SELF" | "ASSESSOR" | "PROVINCE",
    ) => path.push([a, from, to, who]);
    if (status !== S.NOT_ENROLLED) step(WorkflowAction.ENROLL, S.NOT_ENROLLED, S.AWAITING_REGISTRATION, "INST");
    if (SUBMITTED.has(status)) {
      step(WorkflowAction.SUBMIT, S.AWAITING_REGISTRATION, S.AWAITING_INSTITUTION_REVIEW, "SELF");
      for (let k = 0; k < extraRounds[i]; k++) {
        step(WorkflowAction.REJECT, S.AWAITING_INSTITUTION_REVIEW, S.RETURNED_TO_PHYSICIAN, "INST");
        step(WorkflowAction.SUBMIT, S.RETURNED_TO_PHYSICIAN, S.AWAITING_INSTITUTION_REVIEW, "SELF");
      }
      if (opinionFor === i) {
        step(WorkflowAction.ADD_OPINION, S.AWAITING_INSTITUTION_REVIEW, S.AWAITING_INSTITUTION_REVIEW, "INST");
        opinionFor = -1;
      }
      if (status === S.RETURNED_TO_PHYSICIAN)
        step(WorkflowAction.REJECT, S.AWAITING_INSTITUTION_REVIEW, S.RETURNED_TO_PHYSICIAN, "INST");
    }
    if (INSTITUTION_REVIEWED.has(status))
      step(WorkflowAction.APPROVE, S.AWAITING_INSTITUTION_REVIEW, S.AWAITING_ASSESSMENT_REVIEW, "INST");
    if (status === S.RETURNED_TO_INSTITUTION)
      step(WorkflowAction.REREVIEW_REJECT, S.AWAITING_ASSESSMENT_REVIEW, S.RETURNED_TO_INSTITUTION, "ASSESSOR");
    if (ASSESSED.has(status) && status !== S.RETURNED_TO_INSTITUTION) {
      step(WorkflowAction.REREVIEW_APPROVE, S.AWAITING_ASSESSMENT_REVIEW, S.AWAITING_TEST, "ASSESSOR");
      const tests = general[i] ? 2 : 1;
      if (status === S.QUALIFIED) {
        for (let k = 0; k < tests; k++)
          step(
            WorkflowAction.RECORD_TEST_RESULT,
            S.AWAITING_TEST,
            k === tests - 1 ? S.QUALIFIED : S.AWAITING_TEST,
            "ASSESSOR",
          );
      } else if (status !== S.AWAITING_TEST) {
        for (let k = 0; k < tests; k++)
          step(
            WorkflowAction.RECORD_TEST_RESULT,
            S.AWAITING_TEST,
            k === tests - 1 ? S.AWAITING_MAKEUP_CONFIRMATION : S.AWAITING_TEST,
            "ASSESSOR",
          );
        if (status === S.AWAITING_MAKEUP_TEST || status === S.UNQUALIFIED)
          step(WorkflowAction.CONFIRM_MAKEUP, S.AWAITING_MAKEUP_CONFIRMATION, S.AWAITING_MAKEUP_TEST, "PROVINCE");
        if (status === S.UNQUALIFIED)
          step(WorkflowAction.RECORD_MAKEUP_RESULT, S.AWAITING_MAKEUP_TEST, S.UNQUALIFIED, "ASSESSOR");
      } else if (general[i]) {
        step(WorkflowAction.RECORD_TEST_RESULT, S.AWAITING_TEST, S.AWAITING_TEST, "ASSESSOR");
      }
    }
    let at = cycleStart + Math.floor(r() * 10 * DAY);
    let submittedAt: number | null = null;
    for (const [action, from, to, who] of path) {
      at += Math.floor(r() * 5 * DAY) + 60_000;
      if (action === WorkflowAction.SUBMIT) submittedAt = at;
      const actor =
        who === "INST"
          ? [inst.accountId, inst.name, "INSTITUTION"]
          : who === "SELF"
            ? [physicianAccountBase + id, name, "PHYSICIAN"]
            : who === "ASSESSOR"
              ? [inst.assessorAccountId, institutions[inst.assessorAccountId - 1].name, "ASSESSMENT_INSTITUTION"]
              : [adminAccountBase + 1, "广西壮族自治区卫生健康委员会", "PROVINCIAL_ADMIN"];
      const reason =
        action === WorkflowAction.REJECT || action === WorkflowAction.REREVIEW_REJECT
          ? "材料不完整，请补充近两年工作量统计"
          : null;
      await events.add([
        eventId++,
        id,
        sqlDateTime(Math.min(at, now)),
        "ACCOUNT",
        actor[0],
        actor[1],
        actor[2],
        action,
        from,
        to,
        reason,
        null,
        "10.0.0.1",
      ]);
    }
    const last = path[path.length - 1];
    const lastAt = path.length ? sqlDateTime(Math.min(at, now)) : created;
    const snapshot = {
      name,
      gender: Number(idNumber[16]) % 2 ? "MALE" : "FEMALE",
      birthDate,
      idNumber,
      phone,
      level: "PHYSICIAN",
      title: "主治医师",
      qualificationCertNo: `2008451104501${String(i).padStart(6, "0")}`,
      practiceCertNo: `1104501${String(i).padStart(8, "0")}`,
      categoryCode: category.code,
      scopeCodes: scopes,
      firstPracticeDate: firstPractice,
      institutionName: inst.name,
      departmentName: departmentId ? DEPARTMENT_NAMES[departmentId - inst.departments.start] : "",
      otherPracticeSites: [],
    };
    const form = (p: string | null) => ({
      procedure: p,
      departmentId,
      practiceExperience: `${firstPractice.slice(0, 4)} 年起在${inst.name}从事临床工作至今`,
      workPerformance: "考核周期内完成本科室门诊、病房诊疗工作，参与科室业务学习与带教，无医疗差错事故。",
      ethics: "遵守医师职业道德规范，廉洁行医，尊重患者，无违规违纪行为。",
      report:
        p === "SIMPLE"
          ? "本人在考核周期内认真履行医师职责，坚持以病人为中心，不断提高业务水平，积极参加继续医学教育，年度考核均为合格。"
          : "",
      hasGoodRecord: p === "SIMPLE",
      hasBadRecord: false,
      workQuantities: p === "GENERAL" ? [{ code: "PATIENTS", value: 2000 + Math.floor(r() * 3000) }] : [],
    });
    const submission = proc ? JSON.stringify({ ...form(proc), snapshot }) : null;
    const draft = status === S.AWAITING_REGISTRATION && r() < 0.3 ? JSON.stringify(form(null)) : null;
    const reviewAt = sqlDateTime(Math.min(at, now));
    const institutionReview = INSTITUTION_REVIEWED.has(status)
      ? JSON.stringify({
          ratings: [
            { item: "WORK_PERFORMANCE", itemName: "工作成绩", rating: "QUALIFIED" },
            { item: "ETHICS", itemName: "职业道德", rating: "QUALIFIED" },
          ],
          outcome: "QUALIFIED",
          opinion: "同意",
          reviewerAccountId: inst.accountId,
          reviewerName: inst.name,
          at: reviewAt,
        })
      : null;
    const assessmentReview = ASSESSED.has(status)
      ? JSON.stringify({
          approved: status !== S.RETURNED_TO_INSTITUTION,
          opinion: status === S.RETURNED_TO_INSTITUTION ? "工作量材料不足" : "复核通过",
          reviewerAccountId: inst.assessorAccountId,
          reviewerName: "考核机构",
          at: reviewAt,
        })
      : null;
    const exemption =
      proc && r() < 0.04
        ? pick(r, ["AWAITING_INSTITUTION", "AWAITING_ASSESSMENT_INSTITUTION", "APPROVED", "REJECTED"])
        : "NONE";
    await applications.add([
      id,
      1,
      id,
      inst.id,
      departmentId,
      proc,
      status,
      exemption,
      exemption === "NONE" ? null : proc === "SIMPLE" ? "HUMANITIES" : "PROFESSIONAL",
      exemption === "NONE" ? null : "完成住院医师规范化培训",
      null,
      draft,
      submission,
      submittedAt ? sqlDateTime(submittedAt) : null,
      institutionReview,
      assessmentReview,
      status === S.RETURNED_TO_PHYSICIAN || status === S.RETURNED_TO_INSTITUTION
        ? "材料不完整，请补充近两年工作量统计"
        : null,
      last ? EVENT_LABEL[last[0]] : "",
      lastAt,
      path.length + 1,
      created,
      lastAt,
    ]);
  }
  await physicians.end();
  await accounts.end();
  await applications.end();
  await events.end();
  await w.flush();
  phase(`physicians, accounts, applications, events (${w.statements} INSERT statements in all)`);
  log(`  database time per table: ${[...w.busy.entries()].map(([k, v]) => `${k} ${v.toFixed(1)} s`).join(", ")}`);

  // ---- counters: one INSERT … SELECT … GROUP BY
  await main.query(
    `INSERT INTO status_counter (cycle_id, institution_id, status, province_code, city_code, county_code, count)
     SELECT a.cycle_id, a.institution_id, a.status, i.province_code, i.city_code, i.county_code, COUNT(*)
     FROM application a JOIN institution i ON i.id = a.institution_id
     GROUP BY a.cycle_id, a.institution_id, a.status`,
  );
  await main.query("COMMIT");
  await rebuildRegionCounters(main);
  phase("status_counter, region_status_counter (INSERT … SELECT … GROUP BY)");
  for (const c of conns.slice(1)) await c.end();
  await main.query("SET autocommit = 1, unique_checks = 1, foreign_key_checks = 1");
  await main.query(
    "ANALYZE TABLE application, application_event, physician, institution, department, account, status_counter, region_status_counter",
  );
  phase("ANALYZE TABLE");

  const counts: Record<string, number> = {};
  for (const table of [
    "region",
    "health_administration",
    "institution",
    "department",
    "physician",
    "account",
    "application",
    "application_event",
    "status_counter",
  ]) {
    const [rows] = await main.query(`SELECT COUNT(*) AS n FROM \`${table}\``);
    counts[table] = Number((rows as { n: number }[])[0].n);
  }
  return {
    dataset: {
      version: DATASET_VERSION,
      seededAt: new Date().toISOString(),
      seedSeconds: 0,
      cycleId: 1,
      maxPhysicianId: total,
      maxApplicationId: total,
      maxEventId: eventId - 1,
      institutions: { ...INST },
      counts,
    },
    phases,
  };
}
