import type { FormRules } from "element-plus";

export interface LoginForm {
  username: string;
  password: string;
}

export const loginRules: FormRules<LoginForm> = {
  username: [{ required: true, whitespace: true, message: "请输入账号", trigger: "blur" }],
  password: [{ required: true, message: "请输入密码", trigger: "blur" }],
};
