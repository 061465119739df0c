import type { DataSource, EntityManager } from "typeorm";
import { Account, AccountKind } from "../accounts/account.entity";
import { hashPassword } from "../accounts/password-hash";
import { cycleAround } from "../assessment/cycle.defaults";
import { AssessmentCycle, todayInChina } from "../assessment/cycle.entity";
import { withCreditCheck } from "../common/credit-code";
import { Department } from "../departments/department.entity";
import { ensureRegions } from "../demo/regions";
import { Institution } from "../institutions/institution.entity";
import { HealthAdministration } from "../regions/health-administration.entity";
import { RegionLevel } from "../regions/region.entity";
import type { GqlClient } from "./gql-client";
import type { TestApp } from "./test-app";

export const TEST_PASSWORD = "Tst#2026pass";

let testHash: Promise<string> | null = null;
const passwordHash = () => (testHash ??= hashPassword(TEST_PASSWORD));

/**
 * A small province for tests: administrations at three levels, two assessment institutions and
 * three institutions (two in Nanning assessed by aiA, one in Liuzhou assessed by aiB), each with an
 * account whose password is already changed, and a current cycle.
 */
export interface World {
  cycle: AssessmentCycle;
  admins: {
    province: HealthAdministration;
    nanning: HealthAdministration;
    qingxiu: HealthAdministration;
    liuzhou: HealthAdministration;
  };
  aiA: Institution;
  aiB: Institution;
  instA: Institution;
  instB: Institution;
  instC: Institution;
  /** user names by role key */
  users: Record<"province" | "nanning" | "qingxiu" | "liuzhou" | "aiA" | "aiB" | "instA" | "instB" | "instC", string>;
  accounts: Record<string, Account>;
}

let creditSerial = 0;
export function nextCreditCode(): string {
  creditSerial++;
  return withCreditCheck(`12450100${String(100000000 + creditSerial).slice(-9)}`);
}

export async function createAccount(
  em: EntityManager,
  values: Partial<Account> & { username: string; kind: AccountKind; displayName: string },
  options: { mustChangePassword?: boolean } = {},
): Promise<Account> {
  return em.save(
    em.create(Account, {
      ...values,
      passwordHash: await passwordHash(),
      mustChangePassword: options.mustChangePassword ?? false,
      enabled: true,
      createdAt: new Date(),
    }),
  );
}

export async function createInstitution(
  em: EntityManager,
  values: Partial<Institution> & { name: string; cityCode: string; countyCode: string },
): Promise<Institution> {
  const now = new Date();
  return em.save(
    em.create(Institution, {
      creditCode: nextCreditCode(),
      licenseNo: "PDY000000",
      type: "综合医院",
      levelCode: "32",
      natureCode: "1",
      provinceCode: "450000",
      address: "测试地址",
      legalRepresentative: "测试法人",
      contactPerson: "测试联系人",
      contactPhone: "0771-1234567",
      isAssessmentInstitution: false,
      assessmentApplicationAllowed: true,
      createdAt: now,
      updatedAt: now,
      ...values,
    }),
  );
}

export async function buildWorld(ds: DataSource): Promise<World> {
  const em = ds.manager;
  await ensureRegions(em);
  const admin = (name: string, regionCode: string, level: RegionLevel, parentId: number | null) =>
    em.save(
      em.create(HealthAdministration, {
        name,
        regionCode,
        level,
        parentId,
        contactPerson: "联系人",
        contactPhone: "0771-0000000",
      }),
    );
  const province = await admin("省卫健委", "450000", RegionLevel.PROVINCE, null);
  const nanning = await admin("南宁市卫健委", "450100", RegionLevel.CITY, province.id);
  const qingxiu = await admin("青秀区卫健局", "450103", RegionLevel.COUNTY, nanning.id);
  const liuzhou = await admin("柳州市卫健委", "450200", RegionLevel.CITY, province.id);

  const aiA = await createInstitution(em, {
    name: "考核机构甲",
    cityCode: "450100",
    countyCode: "450103",
    isAssessmentInstitution: true,
    superiorAdminId: province.id,
  });
  const aiB = await createInstitution(em, {
    name: "考核机构乙",
    cityCode: "450200",
    countyCode: "450202",
    isAssessmentInstitution: true,
    superiorAdminId: province.id,
  });
  const instA = await createInstitution(em, {
    name: "甲医院",
    cityCode: "450100",
    countyCode: "450102",
    superiorAdminId: nanning.id,
    assessmentInstitutionId: aiA.id,
  });
  const instB = await createInstitution(em, {
    name: "乙医院",
    cityCode: "450100",
    countyCode: "450103",
    superiorAdminId: qingxiu.id,
    assessmentInstitutionId: aiA.id,
  });
  const instC = await createInstitution(em, {
    name: "丙医院",
    cityCode: "450200",
    countyCode: "450202",
    superiorAdminId: liuzhou.id,
    assessmentInstitutionId: aiB.id,
  });

  const users = {
    province: "t_province",
    nanning: "t_nanning",
    qingxiu: "t_qingxiu",
    liuzhou: "t_liuzhou",
    aiA: "t_aia",
    aiB: "t_aib",
    instA: "t_insta",
    instB: "t_instb",
    instC: "t_instc",
  };
  const accounts: Record<string, Account> = {};
  for (const [key, a] of Object.entries({ province, nanning, qingxiu, liuzhou })) {
    accounts[key] = await createAccount(em, {
      username: users[key as keyof typeof users],
      kind: AccountKind.HEALTH_ADMIN,
      displayName: a.name,
      adminId: a.id,
    });
  }
  for (const [key, inst] of Object.entries({ aiA, aiB })) {
    accounts[key] = await createAccount(em, {
      username: users[key as keyof typeof users],
      kind: AccountKind.ASSESSMENT_INSTITUTION,
      displayName: inst.name,
      institutionId: inst.id,
    });
  }
  for (const [key, inst] of Object.entries({ instA, instB, instC })) {
    accounts[key] = await createAccount(em, {
      username: users[key as keyof typeof users],
      kind: AccountKind.INSTITUTION,
      displayName: inst.name,
      institutionId: inst.id,
    });
  }
  const cycle = await em.save(em.create(AssessmentCycle, cycleAround(todayInChina(), "450000")));
  return { cycle, admins: { province, nanning, qingxiu, liuzhou }, aiA, aiB, instA, instB, instC, users, accounts };
}

export async function createDepartment(
  ds: DataSource,
  institutionId: number,
  name: string,
  enabled = true,
): Promise<Department> {
  const now = new Date();
  return ds.manager.save(
    ds.manager.create(Department, {
      institutionId,
      name,
      subjectCodes: ["03"],
      enabled,
      createdAt: now,
      updatedAt: now,
    }),
  );
}

/** A signed-in client for one of the world's users. */
export async function signIn(app: TestApp, username: string, password = TEST_PASSWORD): Promise<GqlClient> {
  const client = app.client();
  const res = await client.login(username, password);
  if (res.errors?.length) throw new Error(`login ${username} failed: ${JSON.stringify(res.errors)}`);
  return client;
}
