import type { DataSource } from "typeorm";
import { checkCharacter } from "../common/id-number";
import { inTransaction } from "../db/transaction";
import { Institution } from "../institutions/institution.entity";
import { In } from "typeorm";
import { Gender, Physician, PhysicianLevel } from "../physicians/physician.entity";
import type { PhysicianRecord } from "../physicians/physician-record";
import { insertPhysicians } from "../physicians/roster.service";

let serial = 0;

/**
 * A valid, unique 18-digit resident ID number (born 1960–1998, Nanning). The birth day repeats every 14 000
 * numbers; each repetition shifts the sequence code by 7, so numbers stay unique up to 14 million.
 */
export function makeIdNumber(n = ++serial): string {
  const birth = new Date(Date.UTC(1960, 0, 1) + (n % 14000) * 86400000);
  const ymd = birth.toISOString().slice(0, 10).replace(/-/g, "");
  const sequence = (n + 7 * Math.floor(n / 14000)) % 1000;
  const first17 = `450102${ymd}${String(sequence).padStart(3, "0")}`;
  return first17 + checkCharacter(first17);
}

export function physicianRecord(overrides: Partial<PhysicianRecord> = {}): PhysicianRecord {
  const idNumber = overrides.idNumber ?? makeIdNumber();
  return {
    name: "测试医师",
    idNumber,
    legacyIdNumber: null,
    gender: Number(idNumber[16]) % 2 ? Gender.MALE : Gender.FEMALE,
    birthDate: `${idNumber.slice(6, 10)}-${idNumber.slice(10, 12)}-${idNumber.slice(12, 14)}`,
    phone: "13800138000",
    qualificationCertNo: "200845110450102",
    practiceCertNo: "110450100012345",
    categoryCode: "1",
    scopeCodes: ["11"],
    level: PhysicianLevel.PHYSICIAN,
    title: "主治医师",
    firstPracticeDate: "2008-07-01",
    departmentId: null,
    otherPracticeSites: [],
    ...overrides,
  };
}

/** Physicians created through the product's own insert path (accounts and roster applications included). */
export async function addPhysicians(
  ds: DataSource,
  institution: Institution,
  count: number,
  overrides: Partial<PhysicianRecord> = {},
): Promise<Physician[]> {
  return inTransaction(ds, async (em) => {
    const inst = await em.findOneByOrFail(Institution, { id: institution.id });
    const records = Array.from({ length: count }, (_, i) =>
      physicianRecord({ name: `医师${String(i + 1).padStart(3, "0")}`, ...overrides, idNumber: makeIdNumber() }),
    );
    const created = await insertPhysicians(em, inst, records);
    return em.findBy(Physician, { id: In(created.map((p) => p.id)) }).then((rows) => rows.sort((a, b) => a.id - b.id));
  });
}
