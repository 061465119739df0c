import { readdirSync } from "node:fs";
import path from "node:path";
import type { NextFunction, Request, Response } from "express";

/** Vite writes content-hashed file names under assets/: a changed file gets a new name, so a copy never goes stale. */
const HASHED = /^assets\//;
const IMMUTABLE = "public, max-age=31536000, immutable";
const REVALIDATE = "no-cache";

interface Entry {
  br: boolean;
  gz: boolean;
}

/** The build's files (relative, with "/"), each with the precompressed copies the build wrote beside it. */
function listBuild(root: string): Map<string, Entry> {
  const names = new Set<string>();
  const walk = (dir: string) => {
    for (const d of readdirSync(path.join(root, dir), { withFileTypes: true })) {
      const rel = dir ? `${dir}/${d.name}` : d.name;
      if (d.isDirectory()) walk(rel);
      else if (d.isFile()) names.add(rel);
    }
  };
  walk("");
  const files = new Map<string, Entry>();
  for (const name of names) {
    if (name.endsWith(".br") || name.endsWith(".gz")) continue;
    files.set(name, { br: names.has(`${name}.br`), gz: names.has(`${name}.gz`) });
  }
  return files;
}

/**
 * Serves the built console: each file as the build precompressed it (brotli, else gzip, else as is, by the
 * client's Accept-Encoding), hashed assets as immutable for a year, everything else (index.html first of all)
 * revalidated on every load. Unknown paths under assets/ are 404 (a stale tab asking for an old chunk must not
 * get HTML); other unknown GET paths render index.html and the console's router takes over. Only files listed
 * at start are served, so no request path can reach outside the build.
 */
export function consoleFiles(clientDist: string, notConsole: RegExp) {
  const files = listBuild(clientDist);
  return (req: Request, res: Response, next: NextFunction) => {
    if ((req.method !== "GET" && req.method !== "HEAD") || notConsole.test(req.path)) return next();
    let rel: string;
    try {
      rel = decodeURIComponent(req.path).replace(/^\/+/, "");
    } catch {
      return next();
    }
    let entry = rel === "index.html" ? undefined : files.get(rel);
    if (!entry) {
      if (HASHED.test(rel)) return next();
      rel = "index.html";
      entry = files.get(rel);
      if (!entry) return next();
    }
    // The smallest copy the client takes (brotli, then gzip); clients list them in any order and weight.
    const encoding =
      entry.br && req.acceptsEncodings("br") ? "br" : entry.gz && req.acceptsEncodings("gzip") ? "gzip" : "";
    const suffix = encoding === "br" ? ".br" : encoding === "gzip" ? ".gz" : "";
    // The type of the original, not of the .br/.gz copy (send keeps a Content-Type already set).
    res.type(path.extname(rel));
    if (entry.br || entry.gz) res.vary("Accept-Encoding");
    if (encoding) res.setHeader("Content-Encoding", encoding);
    res.sendFile(
      rel + suffix,
      {
        root: clientDist,
        dotfiles: "deny",
        acceptRanges: false,
        cacheControl: false,
        headers: { "Cache-Control": HASHED.test(rel) ? IMMUTABLE : REVALIDATE },
      },
      (err) => err && next(err),
    );
  };
}
