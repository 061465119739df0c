import { createHash } from "node:crypto";
import { readFileSync } from "node:fs";
import type { NextFunction, Request, Response } from "express";
import { Kind, parse, print, visit, type ASTNode, type DocumentNode, type SelectionNode } from "graphql";
import { logger } from "../logger";

/**
 * Allow-listed operations for production (PERSISTED_OPERATIONS_FILE: JSON of sha256 → document, the
 * format GraphQL Code Generator writes for the console). Clients may send only the hash
 * (extensions.persistedQuery.sha256Hash, plain hex); with PERSISTED_OPERATIONS_ONLY any other document is
 * refused. Documents are compared in a canonical form — definitions and selections sorted, `__typename`
 * (added by client caches) dropped, formatting ignored — so a client's own printing does not matter.
 */
const sha256 = (text: string) => createHash("sha256").update(text).digest("hex");

const selectionKey = (s: SelectionNode) =>
  s.kind === Kind.FIELD
    ? `0${s.alias?.value ?? s.name.value}`
    : s.kind === Kind.FRAGMENT_SPREAD
      ? `1${s.name.value}`
      : `2${s.typeCondition?.name.value ?? ""}`;
const definitionKey = (d: DocumentNode["definitions"][number]) =>
  `${d.kind}:${"name" in d && d.name ? d.name.value : ""}`;

export function canonicalDocument(document: string): string {
  const ast = parse(document, { noLocation: true });
  const stripped = visit(ast, {
    Field: (node) => (node.name.value === "__typename" && !node.alias ? null : undefined),
    SelectionSet: {
      leave: (node) => ({
        ...node,
        selections: [...node.selections].sort((a, b) => selectionKey(a).localeCompare(selectionKey(b))),
      }),
    },
  }) as DocumentNode;
  const sorted: ASTNode = {
    ...stripped,
    definitions: [...stripped.definitions].sort((a, b) => definitionKey(a).localeCompare(definitionKey(b))),
  };
  return print(sorted);
}

function normalizedHash(document: string): string | null {
  try {
    return sha256(canonicalDocument(document));
  } catch {
    return null;
  }
}

export interface PersistedOperations {
  byHash: Map<string, string>;
  allowed: Set<string>;
}

export function loadPersistedOperations(file: string): PersistedOperations {
  const entries = Object.entries(JSON.parse(readFileSync(file, "utf8")) as Record<string, string>);
  const byHash = new Map(entries);
  const allowed = new Set(entries.map(([, doc]) => normalizedHash(doc)).filter((h): h is string => !!h));
  logger.info({ file, operations: entries.length }, "persisted operations loaded");
  return { byHash, allowed };
}

const refuse = (res: Response, code: string, message: string) =>
  res.status(400).json({ errors: [{ message, extensions: { code } }] });

export function persistedOperations(ops: PersistedOperations, only: boolean) {
  return (req: Request, res: Response, next: NextFunction) => {
    const bodies: Record<string, unknown>[] = Array.isArray(req.body)
      ? req.body
      : req.body && typeof req.body === "object"
        ? [req.body]
        : [];
    if (req.method === "GET" && typeof req.query.extensions === "string") {
      try {
        bodies.push({ query: req.query.query, extensions: JSON.parse(req.query.extensions) } as Record<
          string,
          unknown
        >);
      } catch {
        /* let Apollo report the malformed request */
      }
    }
    for (const body of bodies) {
      const hash = (body.extensions as { persistedQuery?: { sha256Hash?: string } } | undefined)?.persistedQuery
        ?.sha256Hash;
      if (hash && typeof body.query !== "string") {
        const document = ops.byHash.get(hash);
        if (!document) return refuse(res, "PERSISTED_QUERY_NOT_FOUND", "未登记的操作，请使用最新版本的客户端");
        body.query = document;
        delete (body.extensions as Record<string, unknown>).persistedQuery;
      } else if (only && typeof body.query === "string") {
        const h = normalizedHash(body.query);
        if (!h || !ops.allowed.has(h)) return refuse(res, "PERSISTED_QUERY_NOT_ALLOWED", "本服务只执行已登记的操作");
      }
    }
    if (req.method === "GET" && only && typeof req.query.query === "string") {
      const h = normalizedHash(req.query.query);
      if (!h || !ops.allowed.has(h)) return refuse(res, "PERSISTED_QUERY_NOT_ALLOWED", "本服务只执行已登记的操作");
    }
    next();
  };
}
