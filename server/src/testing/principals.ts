import { ApiPermission, permissionRole, Role, type Principal } from "../common/auth";
import type { InstitutionRef } from "../common/access";
import { levelOfCode } from "../regions/region.entity";

/** A principal as sign-in builds it, for the pure policy tests (no database). */
export function principal(roles: string[], values: Partial<Principal> = {}): Principal {
  const regionCode = values.regionCode ?? null;
  return {
    type: "ACCOUNT",
    id: 1,
    name: "测试",
    roles: new Set(roles),
    institutionId: null,
    physicianId: null,
    adminId: null,
    regionCode,
    regionLevel: regionCode ? levelOfCode(regionCode) : null,
    provinceCode: regionCode ? `${regionCode.slice(0, 2)}0000` : null,
    mustChangePassword: false,
    sessionTokenHash: null,
    ...values,
  };
}

/** 南宁市青秀区 institution 10, assessed by assessment institution 20. */
export const QINGXIU_INSTITUTION: InstitutionRef = {
  id: 10,
  provinceCode: "450000",
  cityCode: "450100",
  countyCode: "450103",
  assessmentInstitutionId: 20,
};

export const PRINCIPALS = {
  ownInstitution: principal([Role.INSTITUTION], { institutionId: 10 }),
  otherInstitution: principal([Role.INSTITUTION], { institutionId: 11 }),
  physician: principal([Role.PHYSICIAN], { physicianId: 100, institutionId: 10 }),
  otherPhysician: principal([Role.PHYSICIAN], { physicianId: 101, institutionId: 10 }),
  assessor: principal([Role.ASSESSMENT_INSTITUTION], { institutionId: 20 }),
  otherAssessor: principal([Role.ASSESSMENT_INSTITUTION], { institutionId: 21 }),
  county: principal([Role.HEALTH_ADMIN], { regionCode: "450103" }),
  otherCounty: principal([Role.HEALTH_ADMIN], { regionCode: "450102" }),
  city: principal([Role.HEALTH_ADMIN], { regionCode: "450100" }),
  otherCity: principal([Role.HEALTH_ADMIN], { regionCode: "450200" }),
  province: principal([Role.HEALTH_ADMIN, Role.PROVINCIAL_ADMIN], { regionCode: "450000" }),
  otherProvince: principal([Role.HEALTH_ADMIN, Role.PROVINCIAL_ADMIN], { regionCode: "440000" }),
  reader: principal([Role.API_CLIENT], { type: "API_CLIENT", regionCode: "450000" }),
  testSystem: principal([Role.API_CLIENT, permissionRole(ApiPermission.RECORD_TEST_RESULTS)], {
    type: "API_CLIENT",
    regionCode: "450100",
  }),
  farTestSystem: principal([Role.API_CLIENT, permissionRole(ApiPermission.RECORD_TEST_RESULTS)], {
    type: "API_CLIENT",
    regionCode: "450200",
  }),
};
