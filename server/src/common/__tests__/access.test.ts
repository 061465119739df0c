import {
  administers,
  canSeeInstitution,
  isAssessorOf,
  isOwnInstitution,
  regionCovers,
  regionFilterOf,
} from "../access";
import { PRINCIPALS as P, principal, QINGXIU_INSTITUTION as inst } from "../../testing/principals";
import { Role } from "../auth";

/** The ownership half of authorization, as pure functions: on whose data a principal may act. */
describe("regionCovers", () => {
  it.each([
    ["the county of the institution", P.county, true],
    ["its city", P.city, true],
    ["its province", P.province, true],
    ["another county of the same city", P.otherCounty, false],
    ["another city", P.otherCity, false],
    ["another province", P.otherProvince, false],
    ["a principal without a region", P.ownInstitution, false],
  ])("%s: %s", (_name, p, expected) => {
    expect(regionCovers(p, inst)).toBe(expected);
  });
});

describe("canSeeInstitution", () => {
  it.each([
    ["its own institution", P.ownInstitution, true],
    ["another institution", P.otherInstitution, false],
    ["a physician of it (public facts)", P.physician, true],
    ["its assigned assessment institution", P.assessor, true],
    ["another assessment institution", P.otherAssessor, false],
    ["the city administration", P.city, true],
    ["another city's administration", P.otherCity, false],
    ["a reading API client of the province", P.reader, true],
    ["a test-system client of another city", P.farTestSystem, false],
  ])("%s: %s", (_name, p, expected) => {
    expect(canSeeInstitution(p, inst)).toBe(expected);
  });

  it("an institution id alone does not make an assessor of another role", () => {
    expect(isAssessorOf(principal([Role.INSTITUTION], { institutionId: 20 }), inst)).toBe(false);
    expect(
      isAssessorOf(principal([Role.ASSESSMENT_INSTITUTION], { institutionId: null }), {
        assessmentInstitutionId: null,
      }),
    ).toBe(false);
  });
});

describe("acting on an institution", () => {
  it("only its own INSTITUTION account acts as it (a physician of it does not)", () => {
    expect(isOwnInstitution(P.ownInstitution, 10)).toBe(true);
    expect(isOwnInstitution(P.physician, 10)).toBe(false);
    expect(isOwnInstitution(P.otherInstitution, 10)).toBe(false);
  });

  it("administers: a health administration over its region, never an API client", () => {
    expect(administers(P.county, inst)).toBe(true);
    expect(administers(P.province, inst)).toBe(true);
    expect(administers(P.otherCity, inst)).toBe(false);
    expect(administers(P.reader, inst)).toBe(false);
  });

  it("regionFilterOf names the column of the principal's level", () => {
    expect(regionFilterOf(P.city)).toEqual({ column: "cityCode", code: "450100" });
    expect(regionFilterOf(P.county)).toEqual({ column: "countyCode", code: "450103" });
    expect(regionFilterOf(P.ownInstitution)).toBeNull();
  });
});
