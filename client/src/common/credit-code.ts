/** 统一社会信用代码 (GB 32100-2015): the server's own check, from the shared rules package. */
export { creditCodeProblem } from "./rules";
