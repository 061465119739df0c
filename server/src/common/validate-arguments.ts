import { getMetadataStorage, validateOrReject, type ValidationError, type ValidatorOptions } from "class-validator";
import { ArgumentValidationError } from "type-graphql";

const OPTIONS: ValidatorOptions = { skipMissingProperties: true, forbidUnknownValues: false };

/** Whether instances of a class carry class-validator constraints (decided once per class). */
const constrained = new WeakMap<object, boolean>();
function hasConstraints(type: object): boolean {
  let known = constrained.get(type);
  if (known === undefined) {
    known = getMetadataStorage().getTargetValidationMetadatas(type as () => void, "", false, false).length > 0;
    constrained.set(type, known);
  }
  return known;
}

/**
 * type-graphql's argument validation (class-validator, skipping missing properties, unknown values allowed),
 * as its `validateFn`: the same checks and the same ArgumentValidationError, without what type-graphql's own
 * path costs on every argument of every request (a `require` of class-validator and a metadata search, even for
 * input classes without a single constraint).
 */
export async function validateArguments(value: unknown): Promise<void> {
  if (value === null || typeof value !== "object") return;
  const items = Array.isArray(value) ? value : [value];
  const checked = items.filter((item) => item !== null && typeof item === "object" && hasConstraints(item.constructor));
  if (!checked.length) return;
  try {
    await Promise.all(checked.map((item) => validateOrReject(item, OPTIONS)));
  } catch (err) {
    throw new ArgumentValidationError(err as ValidationError[]);
  }
}
