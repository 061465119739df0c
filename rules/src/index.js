export * from "./id-number.js";
export * from "./credit-code.js";
export * from "./fields.js";
export * from "./error-codes.js";
export * from "./password.js";
export * from "./file-kinds.js";
