import type { GatewayExecutor, GatewayInterface } from "@apollo/server-gateway-interface";
import { execute, type DocumentNode, type GraphQLError, type GraphQLSchema } from "graphql";
import { compileQuery, isCompiledQuery, type CompiledQuery } from "graphql-jit";

/**
 * Queries run by graphql-jit: each operation is compiled once into a function that calls the resolvers and
 * serializes the leaves directly, instead of graphql-js walking the document field by field on every request
 * (issue 15: a province roll-up completes ~1 000 fields, a 考核进度 page ~200; graphql-js spent most of its time
 * in per-field bookkeeping such as coercing the arguments of fields that have none).
 *
 * What stays with graphql-js, so that every answer the tests and clients know is unchanged:
 * - mutations (written one field after another, their errors worded by graphql-js as always; none is hot);
 * - the first use of each query text, and an operation graphql-jit cannot compile;
 * - variables the compiled coercion refuses: no resolver has run then, and graphql-js words the refusal.
 * Compiled operations live as long as Apollo's parsed document (its bounded document store hands the same
 * DocumentNode to every request of the same query text), so the cache grows with nothing a client sends.
 */
const compiledByDocument = new WeakMap<DocumentNode, Map<string, CompiledQuery | null | typeof SEEN_ONCE>>();
const SEEN_ONCE = Symbol("seen once");

/**
 * The compiled operation, from its second use on. Compiling costs more than running an operation once, so a query
 * sent once (a developer's, a fuzzer's: every text new) runs on graphql-js and costs what it always did; the
 * console's queries come again and again. Null when graphql-jit cannot compile it (graphql-js runs it then).
 */
function compiledQueryOf(schema: GraphQLSchema, document: DocumentNode, operationName: string | undefined) {
  let byName = compiledByDocument.get(document);
  if (!byName) compiledByDocument.set(document, (byName = new Map()));
  const key = operationName ?? "";
  const known = byName.get(key);
  if (known === undefined) {
    byName.set(key, SEEN_ONCE);
    return null;
  }
  if (known !== SEEN_ONCE) return known;
  let compiled: CompiledQuery | null;
  try {
    const result = compileQuery(schema, document, operationName, { disablingCapturingStackErrors: true });
    compiled = isCompiledQuery(result) ? result : null;
  } catch {
    compiled = null; // an operation graphql-jit cannot handle: graphql-js runs it, as before
  }
  byName.set(key, compiled);
  return compiled;
}

export function compiledExecutor(schema: GraphQLSchema): GatewayExecutor {
  return async ({ document, operation, context, request }) => {
    const operationName = request.operationName ?? undefined;
    const args = { schema, document, contextValue: context, variableValues: request.variables, operationName };
    const compiled = operation.operation === "query" ? compiledQueryOf(schema, document, operationName) : null;
    if (!compiled) return execute(args);
    const result = await compiled.query(undefined, context, request.variables ?? {});
    if (!("data" in result)) return execute(args);
    return result.errors ? { ...result, errors: result.errors.map(withExtensions) } : result;
  };
}

/**
 * graphql-jit's errors are GraphQLErrors whose `extensions` is undefined when what a resolver threw had none (a
 * database error, a bug); graphql-js always gives an object, and Apollo reads `extensions.code` of every error
 * before formatError sees it: without one, a database timeout became "Internal server error" instead of
 * SERVICE_UNAVAILABLE (database-faults.test). graphql-jit defines the property read-only: such an error is copied
 * with the empty object graphql-js would give (left out of the answer, as graphql-js leaves an empty one out).
 */
function withExtensions(error: GraphQLError): GraphQLError {
  if (error.extensions != null) return error;
  return Object.create(Object.getPrototypeOf(error), {
    ...Object.getOwnPropertyDescriptors(error),
    extensions: { value: {}, enumerable: false },
  }) as GraphQLError;
}

/**
 * The schema and executor handed to Apollo Server as its "gateway": the one documented way to give it an
 * executor of one's own. The schema never changes after start-up.
 */
export function compiledGateway(schema: GraphQLSchema): GatewayInterface {
  return {
    async load() {
      return { schema, executor: compiledExecutor(schema) };
    },
    onSchemaLoadOrUpdate(callback) {
      callback({ apiSchema: schema, coreSupergraphSdl: "" });
      return () => undefined;
    },
    async stop() {},
  };
}
