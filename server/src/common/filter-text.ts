import { IsOptional, MaxLength } from "class-validator";

/**
 * A free-text (or code) field of a list filter: optional, and capped so that a 100 000-character search is a
 * BAD_USER_INPUT with a Chinese message, not a database error ("LIKE or GLOB pattern too complex" on SQLite).
 * Every String field of a `…Filter` input carries it (common/__tests__/filters.test.ts checks them all).
 */
export function FilterText(label: string, maxLength = 64): PropertyDecorator {
  return (target, property) => {
    IsOptional()(target, property);
    MaxLength(maxLength, { message: `筛选条件“${label}”不能超过 ${maxLength} 个字符` })(target, property);
  };
}
