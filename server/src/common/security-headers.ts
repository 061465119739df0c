import type { RequestHandler } from "express";
import helmet from "helmet";

/**
 * Security headers on every response (the console at `/`, `/verify/…`, `/explorer`, file downloads, the API):
 * a Content-Security-Policy the console and the explorer work under (scripts only from this origin, no inline
 * script; inline styles are allowed because Element Plus and GraphiQL position popups with them), framing only by
 * this origin (the console shows PDFs in a frame), `nosniff`, and no Referer beyond this origin (verification
 * links carry certificate numbers).
 * HSTS is left to the reverse proxy (docker/README.md), and `upgrade-insecure-requests` is not sent: intranet
 * deployments serve plain HTTP.
 */
export function securityHeaders(options: { sandboxAtGraphql: boolean }): RequestHandler {
  const strict = helmet({
    contentSecurityPolicy: {
      useDefaults: false,
      directives: {
        defaultSrc: ["'self'"],
        scriptSrc: ["'self'"],
        scriptSrcAttr: ["'none'"],
        styleSrc: ["'self'", "'unsafe-inline'"],
        imgSrc: ["'self'", "data:", "blob:"],
        fontSrc: ["'self'", "data:"],
        connectSrc: ["'self'"],
        frameSrc: ["'self'", "blob:"],
        workerSrc: ["'self'", "blob:"],
        objectSrc: ["'none'"],
        baseUri: ["'self'"],
        formAction: ["'self'"],
        frameAncestors: ["'self'"],
      },
    },
    frameguard: { action: "sameorigin" },
    referrerPolicy: { policy: "same-origin" },
    strictTransportSecurity: false,
  });
  // Apollo Sandbox (ENABLE_SANDBOX, off by default) is a page from Apollo's CDN: no CSP of ours at GET /graphql.
  const withoutCsp = helmet({
    contentSecurityPolicy: false,
    strictTransportSecurity: false,
    referrerPolicy: { policy: "same-origin" },
  });
  return (req, res, next) =>
    options.sandboxAtGraphql && req.method === "GET" && req.path === "/graphql"
      ? withoutCsp(req, res, next)
      : strict(req, res, next);
}
