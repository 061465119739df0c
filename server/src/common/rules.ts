import { MaxLength } from "class-validator";
// The rules the console checks too, from the shared workspace package (rules/). A relative path, not the package
// name: the built server (dist/common/) and its sources (src/common/) stand at the same depth below the root.
import type { LengthLimit } from "../../../rules/src/index.js";

export * from "../../../rules/src/index.js";

/** `@MaxLength` with the limit and the message of the shared declaration (rules/src/fields.js). */
export const MaxLengthOf = (limit: LengthLimit) => MaxLength(limit.max, { message: limit.message });
