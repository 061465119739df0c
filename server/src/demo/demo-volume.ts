import type { DataSource, EntityManager } from "typeorm";
import { Account, AccountKind } from "../accounts/account.entity";
import { AA_APPLICATION_OWNER } from "../institutions/assessment-institution-application.service";
import {
  AaApplicationStatus,
  AssessmentInstitutionApplication,
} from "../institutions/assessment-institution-application.entity";
import { Institution } from "../institutions/institution.entity";
import type { HealthAdministration } from "../regions/health-administration.entity";
import { saveAttachment } from "../attachments/attachments.service";
import type { FileStorage } from "../attachments/storage";
import { inTransaction } from "../db/transaction";
import {
  DEMO_PASSWORD,
  ensureDemoBase,
  ensureDemoInstitution,
  type AdminKey,
  type DemoInstitution,
  type DemoLogin,
} from "./demo";
import { seedDemoPhysicians, type DemoWorld } from "./demo-physicians";
import { demoAaApplicationPdf } from "./demo-files";

/**
 * Demo data at volume (`--demo-volume`): a large teaching hospital whose every list has several pages
 * (about 120 physicians in every workflow status, 21 simple and 12 general reviews waiting, 12 exemption
 * requests, 12 proctored attempts, 13 departments), and a queue of 12 community health centres asking
 * 南宁市卫生健康委员会 to become assessment institutions. The default demo stays small and exact.
 */
const HOSPITAL: DemoInstitution = {
  key: "gxykd",
  username: "gxykd",
  accountKind: AccountKind.INSTITUTION,
  password: DEMO_PASSWORD,
  name: "广西医科大学第一附属医院",
  credit17: "12450000498500010",
  cityCode: "450100",
  countyCode: "450103",
  type: "综合医院",
  levelCode: "33",
  superior: "nanning",
  isAssessmentInstitution: false,
  beds: 3200,
  departments: [
    ["心血管内科", ["03.04"]],
    ["呼吸与危重症医学科", ["03.01"]],
    ["消化内科", ["03.02"]],
    ["神经内科", ["03.05"]],
    ["普通外科", ["04.01"]],
    ["骨科", ["04.03"]],
    ["泌尿外科", ["04.04"]],
    ["妇科", ["05.01"]],
    ["产科", ["05.02"]],
    ["儿科", ["07"]],
    ["医学检验科", ["30"]],
    ["医学影像科", ["32.02", "32.05"]],
    ["中医科", ["50"]],
  ],
};

const CENTRES = ["兴宁区", "青秀区", "江南区", "西乡塘区", "良庆区", "邕宁区", "武鸣区"].flatMap((district, d) =>
  ["第一", "第二"].map((n, k) => ({ name: `南宁市${district}${n}社区卫生服务中心`, serial: d * 2 + k })),
);

/** Runs after `seedDemo`; safe to run again. */
export async function seedDemoVolume(ds: DataSource, storage: FileStorage): Promise<DemoLogin[]> {
  return inTransaction(ds, async (em) => {
    const { admins, world } = await ensureDemoBase(em, storage);
    return seedVolume(em, world, admins);
  });
}

async function seedVolume(
  em: EntityManager,
  world: DemoWorld,
  admins: Map<AdminKey, HealthAdministration>,
): Promise<DemoLogin[]> {
  const assessorId = world.institutions.get("assessor")?.id ?? null;
  const hospital = await ensureDemoInstitution(em, admins, HOSPITAL, assessorId);
  await seedDemoPhysicians(em, {
    ...world,
    institutions: new Map([
      ["assessor", world.institutions.get("assessor")!],
      [HOSPITAL.key, hospital],
    ]),
    scale: new Map([[HOSPITAL.key, { physicians: 3, exemptions: 6, proctored: 12 }]]),
  });
  await seedApplicationQueue(em, world, admins, assessorId);
  return [{ username: HOSPITAL.username, password: DEMO_PASSWORD, who: `${HOSPITAL.name}（大量数据，列表均有多页）` }];
}

/** 12 centres with a pending 申请考核机构, each with one PDF, for 考核机构申请审批. */
async function seedApplicationQueue(
  em: EntityManager,
  world: DemoWorld,
  admins: Map<AdminKey, HealthAdministration>,
  assessorId: number | null,
) {
  for (const c of CENTRES.slice(0, 12)) {
    const serial = String(c.serial + 11).padStart(2, "0");
    const centre = await ensureDemoInstitution(
      em,
      admins,
      {
        key: `centre${serial}`,
        username: `nnsq${serial}`,
        accountKind: AccountKind.INSTITUTION,
        password: DEMO_PASSWORD,
        name: c.name,
        credit17: `124501004985000${serial}`,
        cityCode: "450100",
        countyCode: "450103",
        type: "社区卫生服务中心",
        levelCode: "11",
        superior: "nanning",
        isAssessmentInstitution: false,
        beds: 40 + c.serial * 5,
        departments: [["全科医疗科", ["02"]]],
      },
      assessorId,
    );
    if (await em.countBy(AssessmentInstitutionApplication, { institutionId: centre.id })) continue;
    await em.update(Institution, { id: centre.id }, { assessmentApplicationAllowed: true });
    const account = await em.findOneByOrFail(Account, { institutionId: centre.id });
    const pdf = await world.storage.putBuffer(demoAaApplicationPdf(c.name));
    const application = await em.save(
      em.create(AssessmentInstitutionApplication, {
        institutionId: centre.id,
        status: AaApplicationStatus.PENDING,
        statement: `${c.name}具备全科医师定期考核的场地与考官，申请承担辖区基层医师的定期考核工作。`,
        bedCount: 40 + c.serial * 5,
        physicianCount: 30 + c.serial * 3,
        submittedAt: new Date(Date.now() - (12 - c.serial) * 3600_000),
        submittedByAccountId: account.id,
      }),
    );
    await saveAttachment(
      em,
      { ...pdf, fileName: "考核机构申请书.pdf", mimeType: "application/pdf" },
      {
        ownerType: AA_APPLICATION_OWNER,
        ownerId: application.id,
        purpose: "MATERIAL",
        uploadedByAccountId: account.id,
      },
    );
  }
}
