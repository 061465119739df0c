import { GraphQLScalarType, isObjectType, type GraphQLFieldResolver, type GraphQLSchema } from "graphql";
import { getMetadataStorage } from "type-graphql";

type Storage = ReturnType<typeof getMetadataStorage>;
type FieldResolverMeta = Storage["fieldResolvers"][number];
type Param = NonNullable<FieldResolverMeta["params"]>[number];
type Getter = (root: unknown, context: unknown, info: unknown) => unknown;

/**
 * Field resolvers that need nothing of type-graphql's wrapper are called straight (issue 15: "fewer resolver and
 * middleware layers on hot list types"). For every call type-graphql builds a resolver-data object, sorts the
 * method's parameters, maps them to a new array and applies the method; a 考核进度 page resolves `physician` and
 * `departmentName` 20 times each, and that bookkeeping was a seventh of what a page allocated.
 *
 * Only a field resolver whose parameters are the parent (`@Root()`), the context (`@Ctx()`) and `@Info()` — no
 * arguments to convert or validate — and that has no middleware and no `@Authorized` is called directly, on one
 * instance of its class (as type-graphql's default container keeps one); the parent is converted to its class
 * exactly as type-graphql converts it. Every other resolver keeps type-graphql's wrapper.
 * Returns the fields now resolved directly, as "Type.field".
 */
export function callPlainFieldResolversDirectly(schema: GraphQLSchema): string[] {
  const storage = getMetadataStorage();
  const replaced: string[] = [];
  for (const meta of storage.fieldResolvers) {
    if (meta.kind !== "external" || meta.middlewares?.length || meta.roles) continue;
    const params = [...(meta.params ?? [])].sort((a, b) => a.index - b.index);
    const getters = params.map(getterOf);
    if (getters.some((g) => !g)) continue;
    const objectClass = meta.getObjectType?.();
    const typeName = storage.objectTypes.find((o) => o.target === objectClass)?.name;
    const type = typeName ? schema.getType(typeName) : undefined;
    const field = isObjectType(type) ? type.getFields()[meta.schemaName] : undefined;
    if (!field?.resolve) continue;
    const instance = new (meta.target as new () => Record<string, (...args: unknown[]) => unknown>)();
    field.resolve = direct(instance, meta.methodName, getters as Getter[]);
    replaced.push(`${typeName}.${meta.schemaName}`);
  }
  return replaced;
}

function getterOf(param: Param): Getter | null {
  if (param.kind === "context" && !param.propertyName) return (_root, context) => context;
  if (param.kind === "info") return (_root, _context, info) => info;
  if (param.kind === "root" && !param.propertyName) {
    const { getType } = param;
    return getType ? (root) => asInstanceOf(getType() as new () => object, root) : (root) => root;
  }
  return null;
}

function direct(
  instance: Record<string, (...args: unknown[]) => unknown>,
  methodName: string,
  getters: Getter[],
): GraphQLFieldResolver<unknown, unknown> {
  const method = instance[methodName];
  const [first, second, third] = getters;
  // One to three parameters (every resolver today) without an array per call; the default covers any other count.
  switch (getters.length) {
    case 1:
      return (root, _args, context, info) => method.call(instance, first(root, context, info));
    case 2:
      return (root, _args, context, info) =>
        method.call(instance, first(root, context, info), second(root, context, info));
    case 3:
      return (root, _args, context, info) =>
        method.call(instance, first(root, context, info), second(root, context, info), third(root, context, info));
    default:
      return (root, _args, context, info) =>
        method.apply(
          instance,
          getters.map((g) => g(root, context, info)),
        );
  }
}

const SIMPLE_TYPES: unknown[] = [String, Boolean, Number, Date, Array, Promise];

/** type-graphql's own conversion of a parent to the class its resolver declares (helpers/types.js convertToType). */
export function asInstanceOf(Target: new () => object, data: unknown): unknown {
  if (data == null || (Target as unknown) instanceof GraphQLScalarType) return data;
  if (SIMPLE_TYPES.includes((data as object).constructor) || data instanceof Target) return data;
  if (Array.isArray(data)) return data.map((item) => asInstanceOf(Target, item));
  const instance = new Target() as Record<string, unknown>;
  for (const key of Object.keys(instance))
    if (instance[key] === undefined && !(key in (data as object))) delete instance[key];
  return Object.assign(instance, data);
}
