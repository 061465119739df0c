import { spreadDemoTimelines } from "./demo-timeline";
import { In, type EntityManager } from "typeorm";
import { Account } from "../accounts/account.entity";
import { hashPassword } from "../accounts/password-hash";
import { rolesFor } from "../accounts/principal";
import { Application } from "../assessment/application.entity";
import { ETHICS, Rating, WORK_PERFORMANCE, workQuantityItem, type Submission } from "../assessment/application.types";
import type { AssessmentCycle } from "../assessment/cycle.entity";
import { OtherInstitutionOpinion } from "../assessment/other-opinion.entity";
import { Procedure, TestKind } from "../assessment/procedure";
import { writeTransition } from "../assessment/transition.service";
import { ratingItemName, snapshotOf } from "../assessment/application.service";
import { ApplicationStatus, ExemptionStatus, Party, ReturnSection, WorkflowAction } from "../assessment/workflow";
import { Attachment } from "../attachments/attachment.entity";
import type { FileStorage, StoredFile } from "../attachments/storage";
import type { Principal } from "../common/auth";
import { checkCharacter } from "../common/id-number";
import { Department } from "../departments/department.entity";
import { AttemptStatus, TestAttempt } from "../exams/test-attempt.entity";
import type { Institution } from "../institutions/institution.entity";
import { Physician, PhysicianLevel } from "../physicians/physician.entity";
import { RegionLevel } from "../regions/region.entity";
import { insertPhysicians } from "../physicians/roster.service";
import { demoMaterialPdf } from "./demo-files";
import { demoCommendationPng, demoMaterialPng, demoSnapshotPng } from "../certificates/render/demo-images";
import { scheduleAttempts } from "../exams/scheduling";
import { ProctoringSnapshot } from "../exams/snapshot.entity";
import { TestPaper } from "../exams/test-paper.entity";
import { saveAttachment } from "../attachments/attachments.service";

export interface DemoWorld {
  cycle: AssessmentCycle;
  institutions: Map<string, Institution>;
  storage: FileStorage;
  demoPassword: string;
  /** How many physicians an institution gets per PLAN group (default: nnyy the PLAN, the others half). */
  scale?: Map<string, DemoScale>;
}

export interface DemoScale {
  /** Multiplies every PLAN group … */
  physicians: number;
  /** … except the exemption requests, multiplied by this. */
  exemptions: number;
  /** Attempts under way with proctoring snapshots. */
  proctored: number;
}

const SURNAMES = "李王张刘陈杨黄赵吴周徐孙马朱胡郭何高林罗郑梁谢宋唐韦覃蒙黎陆";
/** Given names by gender: the gender comes from the ID number (17th digit), and the name should agree. */
const GIVEN = {
  MALE: ["建华", "志强", "伟", "国庆", "晓东", "文斌", "少华", "明", "俊杰", "立新"],
  FEMALE: ["秀英", "丽娟", "芳", "海燕", "春梅", "桂兰", "永红", "静", "雪梅", "红霞"],
} as const;

/**
 * The k-th name of a gender in an institution: unique for the first 300 of each gender (same surname
 * means k differs by a multiple of 30, which moves the given name by that multiple), so a roster filtered
 * by name finds one physician.
 */
function demoName(gender: keyof typeof GIVEN, k: number, offset: number): string {
  const given = GIVEN[gender];
  return SURNAMES[(k * 7 + offset) % SURNAMES.length] + given[(k * 3 + Math.floor(k / SURNAMES.length)) % given.length];
}

/** The statuses every demo institution shows, with how many physicians are in each. */
const PLAN: {
  status: ApplicationStatus;
  n: number;
  procedure?: Procedure;
  exemption?: boolean;
  bad?: boolean;
  /** The first physician of the group asked for an exemption the institution approved: it waits on the assessor. */
  exemptionAtAssessor?: boolean;
}[] = [
  { status: ApplicationStatus.NOT_ENROLLED, n: 10 },
  { status: ApplicationStatus.AWAITING_REGISTRATION, n: 4 },
  { status: ApplicationStatus.RETURNED_TO_PHYSICIAN, n: 2, procedure: Procedure.SIMPLE },
  { status: ApplicationStatus.AWAITING_INSTITUTION_REVIEW, n: 3, procedure: Procedure.SIMPLE },
  { status: ApplicationStatus.AWAITING_INSTITUTION_REVIEW, n: 3, procedure: Procedure.GENERAL },
  { status: ApplicationStatus.AWAITING_INSTITUTION_REVIEW, n: 2, procedure: Procedure.SIMPLE, exemption: true },
  { status: ApplicationStatus.RETURNED_TO_INSTITUTION, n: 1, procedure: Procedure.GENERAL },
  {
    status: ApplicationStatus.AWAITING_ASSESSMENT_REVIEW,
    n: 2,
    procedure: Procedure.GENERAL,
    exemptionAtAssessor: true,
  },
  // The assessor's 简易程序 queue has work too (its home page links both procedures).
  { status: ApplicationStatus.AWAITING_ASSESSMENT_REVIEW, n: 1, procedure: Procedure.SIMPLE },
  { status: ApplicationStatus.AWAITING_TEST, n: 4, procedure: Procedure.GENERAL },
  { status: ApplicationStatus.AWAITING_MAKEUP_CONFIRMATION, n: 1, procedure: Procedure.GENERAL },
  { status: ApplicationStatus.AWAITING_MAKEUP_TEST, n: 1, procedure: Procedure.GENERAL },
  { status: ApplicationStatus.QUALIFIED, n: 4, procedure: Procedure.SIMPLE },
  { status: ApplicationStatus.UNQUALIFIED, n: 1, procedure: Procedure.GENERAL, bad: true },
];

/** The path each target status is reached by, replayed through the real transition writer. */
const PATHS: Record<ApplicationStatus, WorkflowAction[]> = {
  NOT_ENROLLED: [],
  AWAITING_REGISTRATION: [WorkflowAction.ENROLL],
  RETURNED_TO_PHYSICIAN: [WorkflowAction.ENROLL, WorkflowAction.SUBMIT, WorkflowAction.REJECT],
  AWAITING_INSTITUTION_REVIEW: [WorkflowAction.ENROLL, WorkflowAction.SUBMIT],
  RETURNED_TO_INSTITUTION: [
    WorkflowAction.ENROLL,
    WorkflowAction.SUBMIT,
    WorkflowAction.APPROVE,
    WorkflowAction.REREVIEW_REJECT,
  ],
  AWAITING_ASSESSMENT_REVIEW: [WorkflowAction.ENROLL, WorkflowAction.SUBMIT, WorkflowAction.APPROVE],
  AWAITING_TEST: [
    WorkflowAction.ENROLL,
    WorkflowAction.SUBMIT,
    WorkflowAction.APPROVE,
    WorkflowAction.REREVIEW_APPROVE,
  ],
  AWAITING_MAKEUP_CONFIRMATION: [
    WorkflowAction.ENROLL,
    WorkflowAction.SUBMIT,
    WorkflowAction.APPROVE,
    WorkflowAction.REREVIEW_APPROVE,
    WorkflowAction.RECORD_TEST_RESULT,
  ],
  AWAITING_MAKEUP_TEST: [
    WorkflowAction.ENROLL,
    WorkflowAction.SUBMIT,
    WorkflowAction.APPROVE,
    WorkflowAction.REREVIEW_APPROVE,
    WorkflowAction.RECORD_TEST_RESULT,
    WorkflowAction.CONFIRM_MAKEUP,
  ],
  QUALIFIED: [
    WorkflowAction.ENROLL,
    WorkflowAction.SUBMIT,
    WorkflowAction.APPROVE,
    WorkflowAction.REREVIEW_APPROVE,
    WorkflowAction.RECORD_TEST_RESULT,
  ],
  UNQUALIFIED: [WorkflowAction.ENROLL, WorkflowAction.SUBMIT, WorkflowAction.APPROVE, WorkflowAction.REREVIEW_APPROVE],
};

let serial = 0;
function demoIdNumber(countyCode: string): string {
  serial++;
  const birth = new Date(Date.UTC(1965, 0, 1) + ((serial * 397) % 11000) * 86400000)
    .toISOString()
    .slice(0, 10)
    .replace(/-/g, "");
  const first17 = `${countyCode}${birth}${String(100 + serial).slice(-3)}`;
  return first17 + checkCharacter(first17);
}

function principalOf(account: Account, kind: "institution" | "assessor" | "physician" | "province"): Principal {
  return {
    type: "ACCOUNT",
    id: account.id,
    name: account.displayName,
    roles: rolesFor(account.kind, false, kind === "province" ? RegionLevel.PROVINCE : null),
    institutionId: account.institutionId,
    physicianId: account.physicianId,
    adminId: account.adminId,
    regionCode: null,
    regionLevel: null,
    provinceCode: null,
    mustChangePassword: false,
    sessionTokenHash: null,
  };
}

/**
 * What a department's physicians declare under the cycle's work-quantity standards (their appliesTo: 临床科室,
 * 外科科室, 医技科室), by the department's 诊疗科目: 医学检验科 (30), 病理科 (31) and 医学影像科 (32) are 医技 and
 * count 检验/检查量; 外科 (04) and 妇产科 (05) operate, so 接诊 and 手术量; the other clinical departments 接诊.
 */
export type DepartmentKind = "MEDICAL_TECHNOLOGY" | "SURGICAL" | "CLINICAL";

export function departmentKind(subjectCodes: readonly string[]): DepartmentKind {
  const roots = subjectCodes.map((c) => c.slice(0, 2));
  if (roots.some((r) => ["30", "31", "32"].includes(r))) return "MEDICAL_TECHNOLOGY";
  if (roots.some((r) => ["04", "05"].includes(r))) return "SURGICAL";
  return "CLINICAL";
}

const WORK: Record<DepartmentKind, { quantities: { code: string; value: number }[]; performance: string }> = {
  MEDICAL_TECHNOLOGY: {
    quantities: [{ code: "EXAMINATIONS", value: 18600 }],
    performance:
      "本周期出具检查、检验报告约 18600 例，参与临床会诊及疑难病例讨论 30 余次，报告差错率低于科室控制指标。",
  },
  SURGICAL: {
    quantities: [
      { code: "PATIENTS", value: 2400 },
      { code: "OPERATIONS", value: 1650 },
    ],
    performance: "本周期完成门诊诊疗约 2400 人次，主刀及参与手术 1650 例，参与疑难病例讨论 40 余次，无医疗差错。",
  },
  CLINICAL: {
    quantities: [{ code: "PATIENTS", value: 2400 }],
    performance: "本周期完成门诊诊疗约 2400 人次，参与疑难病例讨论 40 余次，无医疗差错。",
  },
};

/** 执业范围 by department: 医学影像和放射治疗 (19) and 医学检验、病理 (20) for 医技, 外科 (12), else 内科 (11). */
const scopeFor = (subjectCodes: readonly string[]) => {
  const kind = departmentKind(subjectCodes);
  if (kind === "MEDICAL_TECHNOLOGY") return subjectCodes.some((c) => c.startsWith("32")) ? "19" : "20";
  return kind === "SURGICAL" ? "12" : "11";
};

function submissionFor(procedure: Procedure, department: Department, name: string): Submission {
  const work = WORK[departmentKind(department.subjectCodes)];
  return {
    procedure,
    departmentId: department.id,
    practiceExperience: `本周期在本院${department.name}从事执业活动，参与科室日常诊疗及值班工作。`,
    workPerformance: `${name}${work.performance}`,
    ethics: "遵守医德规范，廉洁行医，无患者投诉及不良记录。",
    report:
      procedure === Procedure.SIMPLE
        ? `${name}个人述职报告：本周期认真履行岗位职责，积极参加继续医学教育，年度考核均为合格以上。`
        : "",
    hasGoodRecord: true,
    hasBadRecord: false,
    workQuantities: procedure === Procedure.GENERAL ? work.quantities : [],
  };
}

/** Physicians in every workflow status for each demo institution, with consistent timelines and counters. */
export async function seedDemoPhysicians(em: EntityManager, world: DemoWorld): Promise<void> {
  // Timelines written from here on are spread over the weeks afterwards (a second back: stored times may drop ms).
  const since = new Date(Date.now() - 1000);
  const password = await hashPassword(world.demoPassword);
  const pdf = await world.storage.putBuffer(demoMaterialPdf());
  const png = await world.storage.putBuffer(await demoMaterialPng());
  await ensurePapers(em, world.cycle);
  const provinceAccount = await em.findOneByOrFail(Account, { username: "gxwjw" });
  for (const [key, institution] of world.institutions) {
    if (institution.isAssessmentInstitution) continue;
    if (await em.countBy(Physician, { institutionId: institution.id })) continue; // already seeded
    const departments = await em.find(Department, {
      where: { institutionId: institution.id, enabled: true },
      order: { id: "ASC" },
    });
    const institutionAccount = await em.findOneByOrFail(Account, { institutionId: institution.id });
    // The assessor that re-reviewed and recorded: the one the institution is assigned to.
    const assessorAccount = await em.findOneByOrFail(Account, { institutionId: institution.assessmentInstitutionId! });
    const custom = world.scale?.get(key);
    const scale = custom?.physicians ?? (key === "nnyy" ? 1 : 0.5);
    let index = 0;
    const nthOfGender = { MALE: 0, FEMALE: 0 };
    for (const group of PLAN) {
      const n = Math.max(1, Math.round(group.n * (group.exemption && custom ? custom.exemptions : scale)));
      const records = Array.from({ length: n }, () => {
        index++;
        const idNumber = demoIdNumber(institution.countyCode);
        const gender = Number(idNumber[16]) % 2 ? ("MALE" as const) : ("FEMALE" as const);
        const name = demoName(gender, nthOfGender[gender]++, key.length);
        return {
          name,
          idNumber,
          legacyIdNumber: null,
          gender,
          birthDate: `${idNumber.slice(6, 10)}-${idNumber.slice(10, 12)}-${idNumber.slice(12, 14)}`,
          phone: `1387710${String(1000 + index).slice(-4)}`,
          qualificationCertNo: `2008451104${idNumber.slice(6, 12)}`,
          practiceCertNo: `1104501${String(10000000 + index).slice(-8)}`,
          categoryCode: "1",
          scopeCodes: [scopeFor(departments[index % departments.length]?.subjectCodes ?? [])],
          level: index % 9 === 0 ? PhysicianLevel.ASSISTANT : PhysicianLevel.PHYSICIAN,
          title: ["主任医师", "副主任医师", "主治医师", "医师"][index % 4],
          firstPracticeDate: `${2000 + (index % 12)}-07-01`,
          departmentId: departments[index % departments.length]?.id ?? null,
          otherPracticeSites:
            index % 6 === 0 ? [{ institutionName: "南宁市第二人民医院", startDate: "2022-01-01", endDate: null }] : [],
        };
      });
      const inserted = await insertPhysicians(em, institution, records as never);
      const physicians = await em.findBy(Physician, { id: In(inserted.map((p) => p.id)) });
      for (const [nth, physician] of physicians.entries()) {
        const physicianAccount = await em.findOneByOrFail(Account, { physicianId: physician.id });
        // The last 待报名 physician of nnyy keeps the initial password: the portal's first sign-in.
        const firstSignIn =
          key === "nnyy" && group.status === ApplicationStatus.AWAITING_REGISTRATION && physician === physicians.at(-1);
        if (!firstSignIn)
          await em.update(Account, { id: physicianAccount.id }, { passwordHash: password, mustChangePassword: false });
        await replay(em, world, {
          institution,
          physician,
          group,
          actors: { institutionAccount, physicianAccount, assessorAccount, provinceAccount },
          exemptionAtAssessor: !!group.exemptionAtAssessor && nth === 0,
          pdf,
          png,
        });
      }
    }
    // 柳州市妇幼保健院 has marked its low-similarity attempt 疑似作弊: the province's 疑似作弊认定 has one waiting.
    await proctorSessions(
      em,
      world,
      institution,
      assessorAccount,
      custom?.proctored ?? 3,
      key === "lzfy" ? institutionAccount : null,
    );
  }
  await spreadDemoTimelines(em, world.cycle, since);
}

async function ensurePapers(em: EntityManager, cycle: AssessmentCycle) {
  if (await em.countBy(TestPaper, { cycleId: cycle.id })) return;
  // The papers are open while the cycle's 在线测评 is (China's day boundaries).
  const test = cycle.phases.find((p) => p.key === "TEST");
  const day = 86400000;
  const now = Date.now();
  const windowStart = test ? new Date(`${test.startDate}T00:00:00+08:00`) : new Date(now - 30 * day);
  const windowEnd = test ? new Date(`${test.endDate}T23:59:59+08:00`) : new Date(now + 30 * day);
  for (const [name, kind] of [
    ["医学人文测评（第一场）", TestKind.HUMANITIES],
    ["业务水平测评·临床类（第一场）", TestKind.PROFESSIONAL],
  ] as const) {
    await em.insert(TestPaper, {
      cycleId: cycle.id,
      name: `${cycle.startDate.slice(0, 4)}—${cycle.endDate.slice(0, 4)} ${name}`,
      kind,
      windowStart,
      windowEnd,
      passMark: 60,
      fullMarks: 100,
      createdAt: new Date(),
    });
  }
}

/**
 * 监考: the first scheduled attempts of the institution are under way with webcam snapshots, one with a
 * low similarity (a different person in the picture), so the 监考管理 gallery has something to review.
 */
async function proctorSessions(
  em: EntityManager,
  world: DemoWorld,
  institution: Institution,
  assessor: Account,
  count: number,
  /** Marks the low-similarity attempt 疑似作弊 as this institution account. */
  marker: Account | null = null,
) {
  const attempts = await em.find(TestAttempt, {
    where: { institutionId: institution.id, status: AttemptStatus.NOT_STARTED },
    order: { id: "ASC" },
    take: count,
  });
  const similarityPlans = [
    [96, 93.5, 91],
    [88, 31.5, 24, 90],
    [72, 54, 66],
  ];
  for (const [i, attempt] of attempts.entries()) {
    const start = new Date(Date.now() - (3 - (i % 3)) * 3600_000);
    await em.update(
      TestAttempt,
      { id: attempt.id },
      {
        status: i % 3 === 2 ? AttemptStatus.SUBMITTED : AttemptStatus.IN_PROGRESS,
        startedAt: start,
        submittedAt: i % 3 === 2 ? new Date(start.getTime() + 50 * 60_000) : null,
      },
    );
    const plan = similarityPlans[i % similarityPlans.length];
    for (const [k, similarity] of plan.entries()) {
      const capturedAt = new Date(start.getTime() + (k + 1) * 9 * 60_000);
      const image = await world.storage.putBuffer(
        await demoSnapshotPng(attempt.id * 10 + k, similarity, attempt.physicianId, capturedAt),
      );
      const attachment = await saveAttachment(
        em,
        { ...image, fileName: `snapshot-${attempt.id}-${k + 1}.png`, mimeType: "image/png" },
        { ownerType: "SNAPSHOT", ownerId: attempt.id, purpose: "SNAPSHOT", uploadedByAccountId: assessor.id },
      );
      await em.insert(ProctoringSnapshot, {
        attemptId: attempt.id,
        institutionId: institution.id,
        attachmentId: attachment.id,
        capturedAt,
        similarity,
        viewedAt: null,
        viewedByAccountId: null,
        createdAt: new Date(),
      });
    }
    await em.update(TestAttempt, { id: attempt.id }, { minSimilarity: Math.min(...plan), snapshotCount: plan.length });
    if (marker && i % 3 === 1)
      await em.update(
        TestAttempt,
        { id: attempt.id },
        { suspected: true, suspectedAt: new Date(), suspectedByAccountId: marker.id },
      );
  }
}

/** Demo attachments share one stored file per kind (read-only). */
const attachmentRow = (
  applicationId: number,
  purpose: string,
  file: StoredFile,
  fileName: string,
  mimeType: string,
  uploadedByAccountId: number,
) => ({
  ownerType: "APPLICATION",
  ownerId: applicationId,
  purpose,
  fileName,
  mimeType,
  size: file.size,
  sha256: file.sha256,
  storageKey: file.key,
  uploadedByAccountId,
  createdAt: new Date(),
});

interface ReplayInput {
  institution: Institution;
  physician: Physician;
  group: (typeof PLAN)[number];
  actors: {
    institutionAccount: Account;
    physicianAccount: Account;
    assessorAccount: Account;
    provinceAccount: Account;
  };
  pdf: StoredFile;
  png: StoredFile;
  exemptionAtAssessor?: boolean;
}

async function replay(em: EntityManager, world: DemoWorld, r: ReplayInput) {
  const { cycle } = world;
  const actor = (a: Account, kind: Parameters<typeof principalOf>[1]) => ({
    principal: principalOf(a, kind),
    ip: "127.0.0.1",
  });
  const load = () => em.findOneByOrFail(Application, { cycleId: cycle.id, physicianId: r.physician.id });
  const procedure = r.group.procedure ?? Procedure.GENERAL;
  const now = new Date();
  for (const action of PATHS[r.group.status]) {
    const app = await load();
    const step = async (
      party: Party,
      who: ReturnType<typeof actor>,
      to: ApplicationStatus,
      changes: Partial<Application> = {},
      reason: string | null = null,
      sections: ReturnSection[] = [],
    ) => writeTransition(em, who, { app, institution: r.institution, action, party, to, changes, reason, sections });
    switch (action) {
      case WorkflowAction.ENROLL:
        await step(
          Party.OWN_INSTITUTION,
          actor(r.actors.institutionAccount, "institution"),
          ApplicationStatus.AWAITING_REGISTRATION,
        );
        break;
      case WorkflowAction.SUBMIT: {
        if (procedure === Procedure.SIMPLE) {
          for (const [file, name, mime] of [
            [r.pdf, "执业证书及申请材料.pdf", "application/pdf"],
            [r.png, "年度考核证明.png", "image/png"],
          ] as const) {
            await em.insert(
              Attachment,
              attachmentRow(app.id, "MATERIAL", file, name, mime, r.actors.physicianAccount.id),
            );
          }
        }
        const department = await em.findOneByOrFail(Department, { id: r.physician.departmentId! });
        const submission = {
          ...submissionFor(procedure, department, r.physician.name),
          snapshot: await snapshotOf(em, r.physician, department.name),
        };
        const changes: Partial<Application> = {
          procedure,
          departmentId: r.physician.departmentId,
          submission,
          draft: submission,
          submittedAt: now,
        };
        if (r.group.exemption) {
          // The commendation names the physician who was commended: one image each.
          const certificate = await world.storage.putBuffer(await demoCommendationPng(r.physician.name));
          await em.insert(
            Attachment,
            attachmentRow(app.id, "EVIDENCE", certificate, "表彰证书.png", "image/png", r.actors.physicianAccount.id),
          );
          Object.assign(changes, {
            exemptionStatus: ExemptionStatus.AWAITING_INSTITUTION,
            exemptedTest: TestKind.HUMANITIES,
            exemptionReason: "获得省级以上表彰",
            exemptionNote: "2025 年获自治区优秀医师称号",
            exemptionRequestedAt: now,
          });
        }
        await step(
          Party.PHYSICIAN_SELF,
          actor(r.actors.physicianAccount, "physician"),
          ApplicationStatus.AWAITING_INSTITUTION_REVIEW,
          changes,
        );
        if (r.physician.otherPracticeSites.length) {
          await em.insert(OtherInstitutionOpinion, {
            applicationId: app.id,
            institutionName: "南宁市第二人民医院",
            opinion: "该医师在我院多点执业期间表现良好，同意评定合格。",
            byAccountId: r.actors.institutionAccount.id,
            at: now,
          });
        }
        break;
      }
      case WorkflowAction.REJECT:
        await step(
          Party.OWN_INSTITUTION,
          actor(r.actors.institutionAccount, "institution"),
          ApplicationStatus.RETURNED_TO_PHYSICIAN,
          { returnReason: "述职报告内容过于简略，请补充本周期工作情况" },
          "述职报告内容过于简略，请补充本周期工作情况",
          [ReturnSection.REPORT],
        );
        break;
      case WorkflowAction.APPROVE: {
        // The work quantities rated are the ones the physician declared.
        const items = [
          WORK_PERFORMANCE,
          ETHICS,
          ...(app.submission?.workQuantities ?? []).map((q) => workQuantityItem(q.code)),
        ];
        const ratings = items.map((item) => ({
          item,
          itemName: ratingItemName(item, cycle),
          rating: r.group.bad && item === ETHICS ? Rating.UNQUALIFIED : Rating.QUALIFIED,
        }));
        const review = {
          ratings,
          outcome: r.group.bad ? Rating.UNQUALIFIED : Rating.QUALIFIED,
          opinion: r.group.bad ? "本周期有一起有效投诉，职业道德评定不合格" : "同意，评定合格",
          reviewerAccountId: r.actors.institutionAccount.id,
          reviewerName: r.actors.institutionAccount.displayName,
          at: now.toISOString(),
        };
        const exemption: Partial<Application> = {};
        if (r.exemptionAtAssessor) {
          await em.insert(
            Attachment,
            attachmentRow(app.id, "EVIDENCE", r.png, "援外医疗队证明.png", "image/png", r.actors.physicianAccount.id),
          );
          Object.assign(exemption, {
            exemptionStatus: ExemptionStatus.AWAITING_ASSESSMENT_INSTITUTION,
            exemptedTest: TestKind.PROFESSIONAL,
            exemptionReason: "援外/援藏/援疆等对口支援",
            exemptionNote: "2024—2025 年参加中国援外医疗队，机构已审核通过",
            exemptionRequestedAt: now,
          });
        }
        await step(
          Party.OWN_INSTITUTION,
          actor(r.actors.institutionAccount, "institution"),
          ApplicationStatus.AWAITING_ASSESSMENT_REVIEW,
          { institutionReview: review, ...exemption },
        );
        break;
      }
      case WorkflowAction.REREVIEW_REJECT:
        await step(
          Party.ASSESSOR,
          actor(r.actors.assessorAccount, "assessor"),
          ApplicationStatus.RETURNED_TO_INSTITUTION,
          { returnReason: "工作数量评定与申报数据不一致，请核实" },
          "工作数量评定与申报数据不一致，请核实",
        );
        break;
      case WorkflowAction.REREVIEW_APPROVE: {
        const to = r.group.bad ? ApplicationStatus.UNQUALIFIED : ApplicationStatus.AWAITING_TEST;
        if (to === ApplicationStatus.AWAITING_TEST && r.group.status === ApplicationStatus.AWAITING_TEST)
          await scheduleAttempts(em, app, cycle, false);
        await step(Party.ASSESSOR, actor(r.actors.assessorAccount, "assessor"), to, {
          assessmentReview: {
            approved: true,
            opinion: "复核通过",
            reviewerAccountId: r.actors.assessorAccount.id,
            reviewerName: r.actors.assessorAccount.displayName,
            at: now.toISOString(),
          },
        });
        break;
      }
      case WorkflowAction.RECORD_TEST_RESULT: {
        const pass = r.group.status === ApplicationStatus.QUALIFIED;
        // Every test the procedure requires was taken: 简易程序 医学人文 passed; 一般程序 医学人文 passed and
        // 业务水平 failed, so the 补考 (confirmed or not) is for 业务水平 only, never for a test not taken.
        const results: [TestKind, number][] =
          procedure === Procedure.SIMPLE
            ? [[TestKind.HUMANITIES, pass ? 88 : 46]]
            : [
                [TestKind.HUMANITIES, 82],
                [TestKind.PROFESSIONAL, pass ? 88 : 46],
              ];
        await em.insert(
          TestAttempt,
          results.map(([testKind, score]) => ({
            applicationId: app.id,
            cycleId: cycle.id,
            physicianId: r.physician.id,
            institutionId: r.institution.id,
            paperId: null,
            testKind,
            isMakeup: false,
            status: AttemptStatus.GRADED,
            startedAt: now,
            submittedAt: now,
            score,
            passed: score >= 60,
            recordedByType: "ACCOUNT",
            recordedById: r.actors.assessorAccount.id,
            createdAt: now,
            updatedAt: now,
          })),
        );
        await step(
          Party.TEST_SYSTEM,
          actor(r.actors.assessorAccount, "assessor"),
          pass ? ApplicationStatus.QUALIFIED : ApplicationStatus.AWAITING_MAKEUP_CONFIRMATION,
        );
        break;
      }
      case WorkflowAction.CONFIRM_MAKEUP:
        await scheduleAttempts(em, app, cycle, true);
        await step(Party.PROVINCE, actor(r.actors.provinceAccount, "province"), ApplicationStatus.AWAITING_MAKEUP_TEST);
        break;
      default:
        throw new Error(`no demo step for ${action}`);
    }
  }
}
