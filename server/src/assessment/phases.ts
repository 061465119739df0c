import type { AssessmentCycle, PhaseKey } from "./cycle.entity";

/** The phase names users know, for messages when a cycle lacks one. */
const PHASE_NAMES: Record<PhaseKey, string> = {
  REGISTRATION: "医师报名",
  INSTITUTION_REVIEW: "医疗卫生机构审核",
  ASSESSMENT_REVIEW: "考核机构复核",
  TEST: "在线测评",
  MAKEUP: "补考",
};

/**
 * Why an action gated by `gate` (any one of the phases open suffices) is refused on `today`, or null when one is
 * open. A phase the cycle does not define is closed.
 */
export function phaseRefusal(
  cycle: Pick<AssessmentCycle, "phases">,
  gate: PhaseKey[],
  actionLabel: string,
  today: string,
): { phase: PhaseKey; message: string } | null {
  const phases = gate.map((key) => ({ key, phase: cycle.phases.find((p) => p.key === key) }));
  if (phases.some(({ phase }) => phase && phase.startDate <= today && today <= phase.endDate)) return null;
  const { key, phase } = phases[0];
  const name = phase?.name ?? PHASE_NAMES[key];
  const when = !phase
    ? "本周期未安排该阶段"
    : today < phase.startDate
      ? `该阶段自 ${phase.startDate} 开始`
      : `该阶段已于 ${phase.endDate} 结束`;
  const others = phases.slice(1).map(({ key: k, phase: p }) => `“${p?.name ?? PHASE_NAMES[k]}”`);
  return {
    phase: key,
    message: `不在本周期“${name}”${others.length ? `或${others.join("或")}` : ""}阶段内（${when}），不能${actionLabel}；如需延长，请联系省级卫生行政部门`,
  };
}
