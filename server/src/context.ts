import type { Request, Response } from "express";
import type { DataSource } from "typeorm";
import type { AppConfig } from "./config";
import type { Principal } from "./common/auth";
import { LoaderRegistry } from "./common/loaders";
import type { FileStorage } from "./attachments/storage";
import type { UrlSigner } from "./attachments/signing";
import { principalFromBearer, principalFromSession, SESSION_COOKIE } from "./accounts/principal";

/** What lives for the whole process: database, settings, file storage, link signer. */
export interface AppDeps {
  ds: DataSource;
  config: AppConfig;
  storage: FileStorage;
  signer: UrlSigner;
}

/** Built fresh for every request: who is calling, and request-scoped DataLoaders. */
export interface Context extends AppDeps {
  principal: Principal | null;
  /** The request carried a session cookie that has expired (tells "please sign in again" apart from "not signed in"). */
  sessionExpired: boolean;
  ip: string;
  userAgent: string;
  req: Request;
  res: Response;
  loaders: LoaderRegistry;
}

function cookieValue(header: string | undefined, name: string): string | undefined {
  for (const part of (header ?? "").split(";")) {
    const eq = part.indexOf("=");
    if (eq > 0 && part.slice(0, eq).trim() === name) return decodeURIComponent(part.slice(eq + 1).trim());
  }
  return undefined;
}

export async function resolvePrincipal(deps: AppDeps, req: Request) {
  const auth = req.headers.authorization;
  if (auth?.startsWith("Bearer ")) {
    return { principal: await principalFromBearer(deps.ds, auth.slice(7).trim()), expired: false, bearer: true };
  }
  const token = cookieValue(req.headers.cookie, SESSION_COOKIE);
  if (!token) return { principal: null, expired: false, bearer: false };
  return {
    ...(await principalFromSession(deps.ds, token, deps.config.sessionIdleMinutes, deps.config.sessionMaxHours)),
    bearer: false,
  };
}

export type Identity = Awaited<ReturnType<typeof resolvePrincipal>>;

/** Express middleware: resolves the caller once per request (rate limiting and the GraphQL context share it). */
export function identify(deps: AppDeps) {
  return async (req: Request, res: Response, next: (err?: unknown) => void) => {
    try {
      res.locals.identity = await resolvePrincipal(deps, req);
      next();
    } catch (err) {
      next(err);
    }
  };
}

export async function buildContext(deps: AppDeps, req: Request, res: Response): Promise<Context> {
  const { principal, expired } = (res.locals.identity as Identity | undefined) ?? (await resolvePrincipal(deps, req));
  return {
    ...deps,
    principal,
    sessionExpired: expired,
    ip: req.ip ?? req.socket.remoteAddress ?? "",
    userAgent: String(req.headers["user-agent"] ?? "").slice(0, 255),
    req,
    res,
    loaders: new LoaderRegistry(deps.ds),
  };
}
