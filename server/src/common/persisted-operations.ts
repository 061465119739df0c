import { createHash } from "node:crypto";
import { readFileSync } from "node:fs";
import type { NextFunction, Request, Response } from "express";
import { parse, print } from "graphql";
import { logger } from "../logger";

/**
 * Allow-listed operations for production (PERSISTED_OPERATIONS_FILE: JSON of sha256 → document, the
 * format GraphQL Code Generator writes for the console). Clients may send only the hash
 * (extensions.persistedQuery.sha256Hash); with PERSISTED_OPERATIONS_ONLY any other document is refused.
 * Documents are compared after printing, so formatting differences do not matter.
 */
const sha256 = (text: string) => createHash("sha256").update(text).digest("hex");

function normalizedHash(document: string): string | null {
  try {
    return sha256(print(parse(document)));
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

const refuse = (res: Response, code: string, message: string) => res.status(400).json({ errors: [{ message, extensions: { code } }] });

export function persistedOperations(ops: PersistedOperations, only: boolean) {
  return (req: Request, res: Response, next: NextFunction) => {
    const bodies: Record<string, unknown>[] = Array.isArray(req.body) ? req.body : req.body && typeof req.body === "object" ? [req.body] : [];
    if (req.method === "GET" && typeof req.query.extensions === "string") {
      try {
        bodies.push({ query: req.query.query, extensions: JSON.parse(req.query.extensions) } as Record<string, unknown>);
      } catch {
        /* let Apollo report the malformed request */
      }
    }
    for (const body of bodies) {
      const hash = (body.extensions as { persistedQuery?: { sha256Hash?: string } } | undefined)?.persistedQuery?.sha256Hash;
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
