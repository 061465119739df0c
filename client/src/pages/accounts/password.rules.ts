import type { FormItemRule, FormRules } from "element-plus";
import { PASSWORD_MESSAGES, passwordExtraChecks, type PasswordExtraCheck } from "@/common/rules";

export interface PasswordForm {
  oldPassword: string;
  newPassword: string;
  confirmPassword: string;
}

export interface PasswordPolicyLike {
  minLength: number;
  minClasses: number;
  text: string;
}

/** The character classes of the policy, in the order the manual names them. */
export const CHARACTER_CLASSES = [
  { key: "upper", label: "大写字母", test: (s: string) => /[A-Z]/.test(s) },
  { key: "lower", label: "小写字母", test: (s: string) => /[a-z]/.test(s) },
  { key: "digit", label: "数字", test: (s: string) => /[0-9]/.test(s) },
  { key: "special", label: "特殊符号", test: (s: string) => /[^A-Za-z0-9\s]/.test(s) },
] as const;

export interface PolicyCheck {
  lengthOk: boolean;
  classes: { key: string; label: string; met: boolean }[];
  classesMet: number;
  classesOk: boolean;
  noSpaces: boolean;
  differsFromOld: boolean;
  /** 不能是过于常见的密码, 不能包含登录名, 不能有连续相同字符 (the server's list and rules, rules/src/password.js). */
  extra: PasswordExtraCheck[];
  ok: boolean;
}

/** Checks a candidate against the policy as the user types (the server checks again with the same rules). */
export function checkPassword(
  candidate: string,
  policy: PasswordPolicyLike,
  oldPassword = "",
  username = "",
): PolicyCheck {
  const classes = CHARACTER_CLASSES.map((c) => ({ key: c.key, label: c.label, met: c.test(candidate) }));
  const classesMet = classes.filter((c) => c.met).length;
  const lengthOk = candidate.length >= policy.minLength;
  const classesOk = classesMet >= policy.minClasses;
  const noSpaces = !/\s/.test(candidate);
  const differsFromOld = !candidate || !oldPassword || candidate !== oldPassword;
  const extra = passwordExtraChecks(candidate, username);
  return {
    lengthOk,
    classes,
    classesMet,
    classesOk,
    noSpaces,
    differsFromOld,
    extra,
    ok: lengthOk && classesOk && noSpaces && differsFromOld && extra.every((c) => c.met),
  };
}

export function passwordRules(
  form: PasswordForm,
  policy: () => PasswordPolicyLike,
  username: () => string = () => "",
): FormRules<PasswordForm> {
  const newPasswordRule: FormItemRule = {
    required: true,
    trigger: "blur",
    validator: (_rule, value: string, callback) => {
      if (!value) return callback(new Error("请输入新密码"));
      const p = policy();
      const check = checkPassword(value, p, form.oldPassword, username());
      if (!check.noSpaces) return callback(new Error("密码不能包含空格"));
      if (!check.lengthOk || !check.classesOk) return callback(new Error(p.text));
      if (!check.differsFromOld) return callback(new Error("新密码不能与原密码相同"));
      const failed = check.extra.find((c) => !c.met);
      if (failed) return callback(new Error(PASSWORD_MESSAGES[failed.key]));
      callback();
    },
  };
  return {
    oldPassword: [{ required: true, message: "请输入原密码", trigger: "blur" }],
    newPassword: [newPasswordRule],
    confirmPassword: [
      {
        required: true,
        trigger: "blur",
        validator: (_rule, value: string, callback) => {
          if (!value) return callback(new Error("请再次输入新密码"));
          if (value !== form.newPassword) return callback(new Error("两次输入的新密码不一致"));
          callback();
        },
      },
    ],
  };
}
