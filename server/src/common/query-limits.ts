import type { ApolloServerPlugin } from "@apollo/server";
import type { NextFunction, Request, Response } from "express";
import {
  Kind,
  type ASTVisitor,
  type DocumentNode,
  type FieldNode,
  type FragmentDefinitionNode,
  type GraphQLSchema,
  type SelectionSetNode,
  type ValidationContext,
} from "graphql";
import { fieldExtensionsEstimator, getComplexity, simpleEstimator } from "graphql-query-complexity";
import type { ComplexityEstimatorArgs } from "graphql-query-complexity";
import type { AppConfig } from "../config";
import { AppError, ErrorCode } from "./errors";

/**
 * Protection of the endpoint: depth, alias and cost limits on every operation, and a cap on batched
 * operations per HTTP request. List fields declare their cost with `pagedCost`/`listCost`, so a
 * query's cost grows with the page sizes it asks for.
 */
export const pagedCost = ({ args, childComplexity }: ComplexityEstimatorArgs) =>
  1 + childComplexity * Math.max(1, Number(args.pageSize ?? args.first ?? 20));

/** Lists without paging arguments, with a typical length to charge for. */
export const listCost =
  (typicalLength: number) =>
  ({ childComplexity }: ComplexityEstimatorArgs) =>
    1 + childComplexity * typicalLength;

const limitError = (message: string, extra: Record<string, unknown> = {}) =>
  new AppError(ErrorCode.QUERY_TOO_COMPLEX, message, extra);

function depthOf(
  selectionSet: SelectionSetNode | undefined,
  fragments: Record<string, FragmentDefinitionNode>,
  seen: Set<string>,
): number {
  if (!selectionSet) return 0;
  let max = 0;
  for (const s of selectionSet.selections) {
    if (s.kind === Kind.FIELD) {
      // Introspection (GraphiQL, Sandbox) is nested by nature and limited separately by ENABLE_INTROSPECTION.
      if (s.name.value.startsWith("__")) continue;
      max = Math.max(max, 1 + depthOf(s.selectionSet, fragments, seen));
    } else if (s.kind === Kind.INLINE_FRAGMENT) {
      max = Math.max(max, depthOf(s.selectionSet, fragments, seen));
    } else if (s.kind === Kind.FRAGMENT_SPREAD && !seen.has(s.name.value) && fragments[s.name.value]) {
      max = Math.max(max, depthOf(fragments[s.name.value].selectionSet, fragments, new Set([...seen, s.name.value])));
    }
  }
  return max;
}

export function depthLimitRule(maxDepth: number) {
  return (context: ValidationContext): ASTVisitor => {
    const fragments = Object.fromEntries(
      context
        .getDocument()
        .definitions.filter((d): d is FragmentDefinitionNode => d.kind === Kind.FRAGMENT_DEFINITION)
        .map((d) => [d.name.value, d]),
    );
    return {
      OperationDefinition(node) {
        const depth = depthOf(node.selectionSet, fragments, new Set());
        if (depth > maxDepth)
          context.reportError(limitError(`查询嵌套层级为 ${depth}，超过上限 ${maxDepth}`, { depth, maxDepth }));
      },
    };
  };
}

export function aliasLimitRule(maxAliases: number) {
  return (context: ValidationContext): ASTVisitor => {
    let aliases = 0;
    return {
      Field(node: FieldNode) {
        if (node.alias) aliases++;
      },
      Document: {
        leave() {
          if (aliases > maxAliases)
            context.reportError(
              limitError(`查询使用了 ${aliases} 个别名，超过上限 ${maxAliases}`, { aliases, maxAliases }),
            );
        },
      },
    };
  };
}

/** Costs remembered per document (the same DocumentNode while Apollo's document cache holds it). */
const COSTS_PER_DOCUMENT = 256;

/**
 * Refuses operations whose estimated cost is above MAX_QUERY_COST, before anything runs. The cost of a document
 * with the same operation and variables is computed once: walking the document against the schema is a
 * noticeable share of a cheap list request, and the consoles repeat the same few documents all day.
 */
export function costLimitPlugin(schema: GraphQLSchema, maxCost: number): ApolloServerPlugin {
  const costs = new WeakMap<DocumentNode, Map<string, number | null>>();
  const costOf = (document: DocumentNode, operationName: string | undefined, variables: Record<string, unknown>) => {
    let byVariables = costs.get(document);
    if (!byVariables) costs.set(document, (byVariables = new Map()));
    const key = `${operationName ?? ""}\u0000${JSON.stringify(variables)}`;
    if (byVariables.has(key)) return byVariables.get(key)!;
    let cost: number | null;
    try {
      cost = getComplexity({
        schema,
        query: document,
        variables,
        operationName,
        estimators: [fieldExtensionsEstimator(), simpleEstimator({ defaultComplexity: 1 })],
      });
    } catch {
      cost = null; // variables that do not coerce: execution reports them as BAD_USER_INPUT
    }
    // Large variables (批量参加's id lists) are not kept: a cache of them would hold megabytes for nothing.
    if (key.length > 2048) return cost;
    if (byVariables.size >= COSTS_PER_DOCUMENT) byVariables.delete(byVariables.keys().next().value!);
    byVariables.set(key, cost);
    return cost;
  };
  return {
    async requestDidStart() {
      return {
        async didResolveOperation({ request, document }) {
          const cost = costOf(document, request.operationName ?? undefined, request.variables ?? {});
          if (cost !== null && cost > maxCost) {
            // A refusal of the request, like the depth and alias limits: HTTP 400, not Apollo's default 500.
            throw limitError(`查询代价估算为 ${cost}，超过上限 ${maxCost}，请减少每页条数或所取字段`, {
              cost,
              maxCost,
              http: { status: 400 },
            });
          }
        },
      };
    },
  };
}

/** Apollo executes a JSON array as several operations; more than MAX_BATCHED_OPERATIONS is refused. */
export function batchLimit(config: Pick<AppConfig, "maxBatchedOperations">) {
  return (req: Request, res: Response, next: NextFunction) => {
    if (Array.isArray(req.body) && req.body.length > config.maxBatchedOperations) {
      res.status(400).json({
        errors: [
          {
            message: `一次请求最多包含 ${config.maxBatchedOperations} 个操作`,
            extensions: { code: "BAD_REQUEST", maxBatchedOperations: config.maxBatchedOperations },
          },
        ],
      });
      return;
    }
    next();
  };
}
