import type { DataSource, EntityManager } from "typeorm";
import { Account, AccountKind } from "../accounts/account.entity";
import { hashPassword, initialPasswordHash } from "../accounts/password-hash";
import { INITIAL_PASSWORD } from "../accounts/password-policy";
import { AssessmentCycle, todayInChina } from "../assessment/cycle.entity";
import { Application } from "../assessment/application.entity";
import { ApplicationStatus } from "../assessment/workflow";
import { referenceLists } from "../catalogs/catalog";
import { withCreditCheck } from "../common/credit-code";
import { Department } from "../departments/department.entity";
import { Institution } from "../institutions/institution.entity";
import { HealthAdministration } from "../regions/health-administration.entity";
import { RegionLevel } from "../regions/region.entity";
import { inTransaction } from "../db/transaction";
import { ensureRegions } from "./regions";
import { seedDemoPhysicians } from "./demo-physicians";
import { demoCycle } from "./demo-cycle";
import type { FileStorage } from "../attachments/storage";

export const DEMO_PASSWORD = "Demo@2026";

export interface DemoLogin {
  username: string;
  password: string;
  who: string;
}

const PROVINCE = referenceLists.provinceCode;

const ADMINS = [
  {
    key: "province",
    name: "广西壮族自治区卫生健康委员会",
    regionCode: PROVINCE,
    level: RegionLevel.PROVINCE,
    parent: null,
    username: "gxwjw",
    contactPerson: "医政医管处 韦科长",
    contactPhone: "0771-2800000",
  },
  {
    key: "nanning",
    name: "南宁市卫生健康委员会",
    regionCode: "450100",
    level: RegionLevel.CITY,
    parent: "province",
    username: "nnwjw",
    contactPerson: "医政科 黄科长",
    contactPhone: "0771-5500000",
  },
  {
    key: "qingxiu",
    name: "南宁市青秀区卫生健康局",
    regionCode: "450103",
    level: RegionLevel.COUNTY,
    parent: "nanning",
    username: "qxwjj",
    contactPerson: "医政股 陆股长",
    contactPhone: "0771-5600000",
  },
  {
    key: "liuzhou",
    name: "柳州市卫生健康委员会",
    regionCode: "450200",
    level: RegionLevel.CITY,
    parent: "province",
    username: "lzwjw",
    contactPerson: "医政科 覃科长",
    contactPhone: "0772-2800000",
  },
] as const;

export type AdminKey = (typeof ADMINS)[number]["key"];

export interface DemoInstitution {
  key: string;
  username: string;
  accountKind: AccountKind;
  /** null: left at the initial password, to show the first-login flow. */
  password: string | null;
  name: string;
  credit17: string;
  cityCode: string;
  countyCode: string;
  type: string;
  levelCode: string;
  superior: AdminKey;
  isAssessmentInstitution: boolean;
  beds: number;
  departments: [string, string[], boolean?][];
}

const INSTITUTIONS: DemoInstitution[] = [
  {
    key: "assessor",
    username: "gxysxh",
    accountKind: AccountKind.ASSESSMENT_INSTITUTION,
    password: DEMO_PASSWORD,
    name: "广西壮族自治区医师协会",
    credit17: "51450000MJ0000001",
    cityCode: "450100",
    countyCode: "450103",
    type: "其他",
    levelCode: "90",
    superior: "province",
    isAssessmentInstitution: true,
    beds: 0,
    departments: [],
  },
  {
    // A second assessment institution: 柳州 institutions are assessed by it, so neither assessor sees the other's.
    key: "assessor2",
    username: "lzyxh",
    accountKind: AccountKind.ASSESSMENT_INSTITUTION,
    password: DEMO_PASSWORD,
    name: "柳州市医学会",
    credit17: "51450200MJ0000002",
    cityCode: "450200",
    countyCode: "450202",
    type: "其他",
    levelCode: "90",
    superior: "liuzhou",
    isAssessmentInstitution: true,
    beds: 0,
    departments: [],
  },
  {
    key: "nnyy",
    username: "nnyy",
    accountKind: AccountKind.INSTITUTION,
    password: DEMO_PASSWORD,
    name: "南宁市第一人民医院",
    credit17: "12450100498500001",
    cityCode: "450100",
    countyCode: "450102",
    type: "综合医院",
    levelCode: "32",
    superior: "nanning",
    isAssessmentInstitution: false,
    beds: 1800,
    departments: [
      ["心血管内科", ["03.04"]],
      ["呼吸内科", ["03.01"]],
      ["普通外科", ["04.01"]],
      ["骨科", ["04.03"]],
      ["妇产科", ["05"]],
      ["儿科", ["07"]],
      ["医学检验科", ["30"]],
      ["医学影像科", ["32.02", "32.05"]],
      ["中医科", ["50"]],
      ["旧门诊综合科", ["02"], false],
    ],
  },
  {
    key: "qxyy",
    username: "qxyy",
    accountKind: AccountKind.INSTITUTION,
    password: null,
    name: "南宁市青秀区人民医院",
    credit17: "12450103498500002",
    cityCode: "450100",
    countyCode: "450103",
    type: "综合医院",
    levelCode: "22",
    superior: "qingxiu",
    isAssessmentInstitution: false,
    beds: 320,
    departments: [
      ["内科", ["03"]],
      ["外科", ["04"]],
      ["全科医疗科", ["02"]],
    ],
  },
  {
    key: "lzfy",
    username: "lzfy",
    accountKind: AccountKind.INSTITUTION,
    password: DEMO_PASSWORD,
    name: "柳州市妇幼保健院",
    credit17: "12450200498500003",
    cityCode: "450200",
    countyCode: "450202",
    type: "妇幼保健院",
    levelCode: "32",
    superior: "liuzhou",
    isAssessmentInstitution: false,
    beds: 600,
    departments: [
      ["产科", ["05.02"]],
      ["妇科", ["05.01"]],
      ["儿童保健科", ["09"]],
      ["新生儿科", ["07.01"]],
    ],
  },
];

export async function ensureAccount(
  em: EntityManager,
  values: Partial<Account> & { username: string },
  password: string | null,
) {
  const existing = await em.findOneBy(Account, { username: values.username });
  if (existing) return existing;
  const passwordHash = password ? await hashPassword(password) : await initialPasswordHash(INITIAL_PASSWORD);
  return em.save(
    em.create(Account, {
      ...values,
      passwordHash,
      mustChangePassword: password === null,
      enabled: true,
      createdAt: new Date(),
    }),
  );
}

export async function ensureAdmins(em: EntityManager): Promise<Map<AdminKey, HealthAdministration>> {
  const byKey = new Map<AdminKey, HealthAdministration>();
  for (const a of ADMINS) {
    let admin = await em.findOneBy(HealthAdministration, { name: a.name });
    admin ??= await em.save(
      em.create(HealthAdministration, {
        name: a.name,
        regionCode: a.regionCode,
        level: a.level,
        parentId: a.parent ? byKey.get(a.parent)!.id : null,
        contactPerson: a.contactPerson,
        contactPhone: a.contactPhone,
      }),
    );
    byKey.set(a.key, admin);
    await ensureAccount(
      em,
      { username: a.username, kind: AccountKind.HEALTH_ADMIN, displayName: a.name, adminId: admin.id },
      DEMO_PASSWORD,
    );
  }
  return byKey;
}

/** One demo institution with its account and departments; finds before it creates. */
export async function ensureDemoInstitution(
  em: EntityManager,
  admins: Map<AdminKey, HealthAdministration>,
  d: DemoInstitution,
  assessorId: number | null,
): Promise<Institution> {
  const creditCode = withCreditCheck(d.credit17);
  let inst = await em.findOneBy(Institution, { creditCode });
  if (!inst) {
    const now = new Date();
    inst = await em.save(
      em.create(Institution, {
        name: d.name,
        creditCode,
        licenseNo: `PDY${d.credit17.slice(8, 16)}45010${d.key.length}`,
        type: d.type,
        levelCode: d.levelCode,
        natureCode: "1",
        provinceCode: PROVINCE,
        cityCode: d.cityCode,
        countyCode: d.countyCode,
        address: `${d.name}院区`,
        legalRepresentative: "张建国",
        contactPerson: "李医务",
        contactPhone: "0771-2186000",
        bedCount: d.beds,
        superiorAdminId: admins.get(d.superior)!.id,
        assessmentInstitutionId: d.isAssessmentInstitution ? null : assessorId,
        isAssessmentInstitution: d.isAssessmentInstitution,
        assessmentApplicationAllowed: d.key === "nnyy",
        profileCompletedAt: d.password ? now : null,
        createdAt: now,
        updatedAt: now,
      }),
    );
  }
  await ensureAccount(
    em,
    { username: d.username, kind: d.accountKind, displayName: d.name, institutionId: inst.id },
    d.password,
  );
  for (const [name, subjectCodes, enabled] of d.departments) {
    if (await em.findOneBy(Department, { institutionId: inst.id, name })) continue;
    const now = new Date();
    await em.insert(Department, {
      institutionId: inst.id,
      name,
      subjectCodes,
      enabled: enabled ?? true,
      createdAt: now,
      updatedAt: now,
    });
  }
  return inst;
}

async function ensureInstitutions(em: EntityManager, admins: Map<AdminKey, HealthAdministration>) {
  const byKey = new Map<string, Institution>();
  for (const d of INSTITUTIONS)
    byKey.set(
      d.key,
      await ensureDemoInstitution(
        em,
        admins,
        d,
        byKey.get(d.cityCode === "450200" ? "assessor2" : "assessor")?.id ?? null,
      ),
    );
  return byKey;
}

async function ensureCycle(em: EntityManager): Promise<AssessmentCycle> {
  const current = await em.findOneBy(AssessmentCycle, { provinceCode: PROVINCE, isCurrent: true });
  return current ?? em.save(em.create(AssessmentCycle, demoCycle(todayInChina(), PROVINCE)));
}

/** Regions, administrations, institutions and the current cycle of the demo (found or created). */
export async function ensureDemoBase(em: EntityManager, storage: FileStorage) {
  await ensureRegions(em);
  const admins = await ensureAdmins(em);
  const institutions = await ensureInstitutions(em, admins);
  const cycle = await ensureCycle(em);
  return { admins, world: { cycle, institutions, storage, demoPassword: DEMO_PASSWORD } };
}

/** Demo data that makes every console page meaningful; safe to run again (finds before it creates). */
export async function seedDemo(ds: DataSource, storage: FileStorage): Promise<DemoLogin[]> {
  await inTransaction(ds, async (em) => {
    const { world } = await ensureDemoBase(em, storage);
    await seedDemoPhysicians(em, world);
  });
  return [
    ...INSTITUTIONS.map((d) => ({
      username: d.username,
      password: d.password ?? `${INITIAL_PASSWORD}（首次登录须修改）`,
      who: d.name,
    })),
    ...ADMINS.map((a) => ({ username: a.username, password: DEMO_PASSWORD, who: a.name })),
    ...(await demoPhysicianLogin(ds)),
  ];
}

/** The physician states the portal shows, one demo login each (nnyy, 南宁市第一人民医院). */
const PORTAL_LOGINS: { status: ApplicationStatus; who: string }[] = [
  { status: ApplicationStatus.AWAITING_REGISTRATION, who: "待报名" },
  { status: ApplicationStatus.RETURNED_TO_PHYSICIAN, who: "待报名（被机构驳回）" },
  { status: ApplicationStatus.AWAITING_TEST, who: "待参加考核" },
  { status: ApplicationStatus.QUALIFIED, who: "合格" },
];

/** Physicians of the demo (sign in with the ID number) in each state the physician's portal shows. */
async function demoPhysicianLogin(ds: DataSource): Promise<DemoLogin[]> {
  const logins: DemoLogin[] = [];
  const nnyy = await ds.getRepository(Account).findOneBy({ username: "nnyy" });
  const first = (status: ApplicationStatus, firstSignIn: boolean) =>
    ds
      .getRepository(Application)
      .createQueryBuilder("a")
      .innerJoin(Account, "acc", "acc.physicianId = a.physicianId")
      .select("acc.username", "username")
      .addSelect("acc.displayName", "name")
      .where("a.status = :s", { s: status })
      .andWhere("a.institutionId = :inst", { inst: nnyy?.institutionId ?? 0 })
      .andWhere("acc.mustChangePassword = :m", { m: firstSignIn })
      .orderBy("a.id", "ASC")
      .getRawOne<{ username: string; name: string }>();
  for (const l of PORTAL_LOGINS) {
    const row = await first(l.status, false);
    if (row) logins.push({ username: row.username, password: DEMO_PASSWORD, who: `医师 ${row.name}（${l.who}）` });
  }
  const fresh = await first(ApplicationStatus.AWAITING_REGISTRATION, true);
  if (fresh)
    logins.push({
      username: fresh.username,
      password: `${INITIAL_PASSWORD}（首次登录须修改）`,
      who: `医师 ${fresh.name}（待报名，首次登录）`,
    });
  return logins;
}
