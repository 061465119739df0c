import type { Request, Response } from "express";
import { resolvePrincipal, type AppDeps } from "../context";

/**
 * A download needs a caller (session cookie or bearer token) and a link signed for that very caller: a link
 * copied to someone else, or opened without signing in, is refused. Answers the refusal itself and returns false.
 */
export async function downloadAllowed(
  deps: AppDeps,
  req: Request,
  res: Response,
  signedId: string,
  invalidMessage: string,
): Promise<boolean> {
  const { principal } = await resolvePrincipal(deps, req);
  if (!principal) {
    res.status(401).json({ error: { code: "UNAUTHENTICATED", message: "请先登录后再打开文件" } });
    return false;
  }
  if (!deps.signer.verify(signedId, req.query.exp, req.query.sig, principal)) {
    res.status(403).json({ error: { code: "FORBIDDEN", message: invalidMessage } });
    return false;
  }
  return true;
}
