import { PASSWORD_MESSAGES, passwordExtraChecks } from "../common/rules";

export const INITIAL_PASSWORD = "666666";
export const PASSWORD_POLICY_TEXT = "密码长度不少于8位且至少包含大写字母、小写字母、数字和特殊符号中的任意三种";

const CLASSES: RegExp[] = [/[A-Z]/, /[a-z]/, /[0-9]/, /[^A-Za-z0-9]/];

/** Returns why `candidate` is refused, or null when it meets the policy (manual 2.2.1). */
export function passwordPolicyViolation(
  candidate: string,
  context: { oldPassword?: string; username?: string } = {},
): string | null {
  if (candidate.length < 8) return `密码长度不能少于8位。${PASSWORD_POLICY_TEXT}`;
  if (candidate.length > 64) return "密码长度不能超过64位";
  if (/\s/.test(candidate)) return "密码不能包含空格";
  if (CLASSES.filter((re) => re.test(candidate)).length < 3) return PASSWORD_POLICY_TEXT;
  if (context.oldPassword !== undefined && candidate === context.oldPassword) return "新密码不能与原密码相同";
  const failed = passwordExtraChecks(candidate, context.username).find((c) => !c.met);
  if (failed) return PASSWORD_MESSAGES[failed.key];
  return null;
}
