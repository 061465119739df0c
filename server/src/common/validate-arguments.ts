import {
  getMetadataStorage,
  ValidationTypes,
  validateOrReject,
  type ValidationArguments,
  type ValidationError,
  type ValidatorOptions,
} from "class-validator";
import type { ValidationMetadata } from "class-validator/types/metadata/ValidationMetadata";
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

/** One synchronous constraint of a property, as class-validator's executor would run it. */
interface Check {
  metadata: ValidationMetadata;
  validate(value: unknown, args: ValidationArguments): unknown;
}
interface PropertyChecks {
  property: string;
  conditions: ((object: object, value: unknown) => boolean)[];
  definedChecks: Check[];
  checks: Check[];
}

/**
 * The constraints of a class as plain checks, compiled once; null when one of them is of a kind this fast path
 * does not mirror (nested or promise validation, an asynchronous constraint), and class-validator then always runs.
 */
const compiledChecks = new WeakMap<object, PropertyChecks[] | null>();
function checksOf(type: object): PropertyChecks[] | null {
  if (compiledChecks.has(type)) return compiledChecks.get(type)!;
  const storage = getMetadataStorage();
  const byProperty = storage.groupByPropertyName(
    storage.getTargetValidationMetadatas(type as () => void, "", false, false),
  );
  let compiled: PropertyChecks[] | null = [];
  const checksFor = (metadata: ValidationMetadata): Check[] | null => {
    const constraints = storage.getTargetValidatorConstraints(metadata.constraintCls);
    if (constraints.some((c) => c.async)) return null;
    return constraints.map((c) => ({ metadata, validate: (value, args) => c.instance.validate(value, args) }));
  };
  for (const [property, metadatas] of Object.entries(byProperty)) {
    const entry: PropertyChecks = { property, conditions: [], definedChecks: [], checks: [] };
    for (const m of metadatas) {
      const found =
        m.type === ValidationTypes.CONDITIONAL_VALIDATION
          ? (entry.conditions.push(m.constraints[0] as PropertyChecks["conditions"][number]), [])
          : m.type === ValidationTypes.IS_DEFINED || m.type === ValidationTypes.CUSTOM_VALIDATION
            ? checksFor(m)
            : null;
      if (!found) compiled = null;
      else (m.type === ValidationTypes.IS_DEFINED ? entry.definedChecks : entry.checks).push(...found);
    }
    compiled?.push(entry);
  }
  compiledChecks.set(type, compiled);
  return compiled;
}

/**
 * Whether every constraint surely holds, checked as class-validator's executor checks them (conditions first,
 * IsDefined whatever the value, the rest only for values that are set): then there is nothing to report and
 * class-validator's own run, with its search of all constraint metadata, is skipped. Anything else — a failed or
 * asynchronous check, a constraint on each item of a collection — leaves the answer to class-validator, so the
 * errors a client sees are always its own.
 */
export function surelyValid(object: object): boolean {
  const checks = checksOf(object.constructor);
  if (!checks) return false;
  const values = object as Record<string, unknown>;
  for (const { property, conditions, definedChecks, checks: rest } of checks) {
    const value = values[property];
    if (!conditions.every((condition) => condition(object, value))) continue;
    if (!definedChecks.every((check) => holds(check, object, property, value))) return false;
    if (value === null || value === undefined) continue;
    if (!rest.every((check) => holds(check, object, property, value))) return false;
  }
  return true;
}

/** One check run as class-validator runs it; `each` over a collection is left to class-validator (false). */
function holds(check: Check, object: object, property: string, value: unknown): boolean {
  if (check.metadata.each && (Array.isArray(value) || value instanceof Set || value instanceof Map)) return false;
  const args = {
    targetName: object.constructor.name,
    property,
    object,
    value,
    constraints: check.metadata.constraints,
  };
  return check.validate(value, args) === true;
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
  const checked = (Array.isArray(value) ? value : [value]).filter(
    (item) => worthValidating(item) && !surelyValid(item),
  );
  if (!checked.length) return;
  try {
    await Promise.all(checked.map((item) => validateOrReject(item, OPTIONS)));
  } catch (err) {
    throw new ArgumentValidationError(err as ValidationError[]);
  }
}
