/** 统一社会信用代码 (GB 32100-2015): the shared rules package's check (the console runs the same code). */
export { creditCodeCheckCharacter, normalizeCreditCode, withCreditCheck, type CreditCodeResult } from "./rules";
