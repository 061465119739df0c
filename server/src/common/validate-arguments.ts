import { getMetadataStorage, validateOrReject, type ValidationError, type ValidatorOptions } from "class-validator";
import { ArgumentValidationError } from "type-graphql";

const OPTIONS: ValidatorOptions = { skipMissingProperties: true, forbidUnknownValues: false };

/**
 * The properties of a class that carry class-validator constraints, read once per class; null when some
 * constraint runs whatever the values (IsDefined, or one on the class itself), so the class is always validated.
 */
const constrainedProperties = new WeakMap<object, readonly string[] | null>();
function propertiesOf(type: object): readonly string[] | null {
  if (constrainedProperties.has(type)) return constrainedProperties.get(type)!;
  const metadata = getMetadataStorage().getTargetValidationMetadatas(type as () => void, "", false, false);
  const unconditional = metadata.some((m) => m.type === "isDefined" || !m.propertyName);
  const properties = unconditional ? null : [...new Set(metadata.map((m) => m.propertyName))];
  constrainedProperties.set(type, properties);
  return properties;
}

/** Whether validating this value could find anything: with missing properties skipped, only set ones are checked. */
function worthValidating(item: unknown): item is object {
  if (item === null || typeof item !== "object") return false;
  const properties = propertiesOf(item.constructor);
  if (properties === null) return true;
  const values = item as Record<string, unknown>;
  return properties.some((p) => values[p] !== null && values[p] !== undefined);
}

/**
 * type-graphql's argument validation (class-validator, skipping missing properties, unknown values allowed),
 * as its `validateFn`: the same checks and the same ArgumentValidationError, without what type-graphql's own
 * path costs on every argument of every request (a `require` of class-validator and a search of all constraint
 * metadata, even for input classes without a single constraint, or with none of their constrained fields set).
 */
export async function validateArguments(value: unknown): Promise<void> {
  if (value === null || typeof value !== "object") return;
  const checked = (Array.isArray(value) ? value : [value]).filter(worthValidating);
  if (!checked.length) return;
  try {
    await Promise.all(checked.map((item) => validateOrReject(item, OPTIONS)));
  } catch (err) {
    throw new ArgumentValidationError(err as ValidationError[]);
  }
}
