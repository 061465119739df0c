import { cycleAround } from "../assessment/cycle.defaults";
import type { AssessmentCycle } from "../assessment/cycle.entity";

const addDays = (isoDate: string, days: number) => {
  const d = new Date(`${isoDate}T00:00:00Z`);
  d.setUTCDate(d.getUTCDate() + days);
  return d.toISOString().slice(0, 10);
};

/**
 * The demo's current cycle with a timeline a reviewer can believe: the phases start one after another, the
 * earlier ones end soonest, and 补考 has not begun yet and ends with the cycle. 报名, both reviews and 在线测评
 * stay open today because the demo logins are there to do them (README: a 待报名 physician registers, nnyy
 * reviews, the assessors re-review and record results); 补考 has nobody to test yet, so it is what lies ahead.
 * Every date stays inside the cycle, whatever day the demo is seeded on.
 */
export function demoCycle(today: string, provinceCode: string): Omit<AssessmentCycle, "id"> {
  const cycle = cycleAround(today, provinceCode);
  const clamp = (d: string) => (d < cycle.startDate ? cycle.startDate : d > cycle.endDate ? cycle.endDate : d);
  const window = (from: number, to: number) => ({
    startDate: clamp(addDays(today, from)),
    endDate: clamp(addDays(today, to)),
  });
  const makeupStart = clamp(addDays(today, 21));
  return {
    ...cycle,
    phases: [
      { key: "REGISTRATION", name: "医师报名", ...window(-150, 10) },
      { key: "INSTITUTION_REVIEW", name: "医疗卫生机构审核", ...window(-140, 15) },
      { key: "ASSESSMENT_REVIEW", name: "考核机构复核", ...window(-120, 20) },
      { key: "TEST", name: "在线测评", ...window(-90, 20) },
      // From three weeks ahead to the cycle's last day (at most two months): after the first test results.
      { key: "MAKEUP", name: "补考", startDate: makeupStart, endDate: clamp(addDays(makeupStart, 60)) },
    ],
  };
}
