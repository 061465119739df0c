import type { RequestHandler, Response } from "express";
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
  const strictHeaders = headersOf(strict);
  const sandboxHeaders = headersOf(withoutCsp);
  return (req, res, next) => {
    const headers =
      options.sandboxAtGraphql && req.method === "GET" && req.path === "/graphql" ? sandboxHeaders : strictHeaders;
    for (const [name, value] of headers) res.setHeader(name, value);
    next();
  };
}

/**
 * The headers a helmet middleware sets, recorded once: every directive here is a constant, so running helmet's
 * dozen middlewares on every request (a measurable share of a cheap API call) would only set the same headers again.
 */
function headersOf(middleware: RequestHandler): [string, string | string[]][] {
  const headers: [string, string | string[]][] = [];
  const recorder = {
    setHeader: (name: string, value: string | string[]) => headers.push([name, value]),
    removeHeader: () => undefined, // X-Powered-By: express's own is disabled in app.ts
  } as unknown as Response;
  let called = false;
  middleware({} as never, recorder, () => (called = true));
  if (!called) throw new Error("helmet did not finish synchronously; its headers cannot be recorded");
  return headers;
}
