import http from "node:http";
import { journey, openSession, step } from "./harness";

/** A GET as a client that sends exactly these headers (Node's fetch adds its own and decompresses). */
function rawGet(url: string, headers: Record<string, string>) {
  return new Promise<{ status: number; headers: http.IncomingHttpHeaders; body: Buffer }>((resolve, reject) => {
    http
      .get(url, { headers }, (res) => {
        const chunks: Buffer[] = [];
        res.on("data", (c: Buffer) => chunks.push(c));
        res.on("end", () => resolve({ status: res.statusCode!, headers: res.headers, body: Buffer.concat(chunks) }));
      })
      .on("error", reject);
  });
}

/**
 * The console's static files: precompressed at build (brotli and gzip), hashed assets cached for a year as
 * immutable, index.html revalidated on every load. The login route — what a user waits for before signing
 * in — must transfer under 250 KB (it was 804 627 bytes, uncompressed, before).
 */
describe("static files: compressed, cached right, a light login route", () => {
  const j = journey();
  const LIMIT = 250 * 1000;
  let loginRoute: string[] = [];

  test("the login route transfers under 250 KB in Chromium; assets immutable, index.html no-cache", async () => {
    const { page, context } = await openSession(j.browser, j.server.url);
    const sizes: { url: string; bytes: number; encoding: string; cache: string }[] = [];
    page.on("requestfinished", (req) => {
      void (async () => {
        const res = await req.response();
        if (!res) return;
        const s = await req.sizes();
        sizes.push({
          url: new URL(req.url()).pathname,
          bytes: s.responseBodySize + s.responseHeadersSize,
          encoding: (await res.headerValue("content-encoding")) ?? "",
          cache: (await res.headerValue("cache-control")) ?? "",
        });
      })();
    });
    await step("static-login-route", { page, server: j.server }, async () => {
      await page.goto("/login");
      await page.locator('input[name="username"]').waitFor();
      await page.waitForLoadState("networkidle");
      const total = sizes.reduce((sum, s) => sum + s.bytes, 0);
      console.log(`login route in Chromium: ${sizes.length} responses, ${total} bytes transferred`);
      // Chromium offers brotli on HTTPS and on localhost (a trustworthy origin).
      const assets = sizes.filter((s) => /^\/assets\/.+\.(js|css)$/.test(s.url) && s.bytes > 2048);
      expect(assets.length).toBeGreaterThan(0);
      for (const a of assets) {
        expect({ url: a.url, encoding: a.encoding }).toEqual({ url: a.url, encoding: "br" });
        expect({ url: a.url, cache: a.cache }).toEqual({ url: a.url, cache: "public, max-age=31536000, immutable" });
      }
      expect(sizes.find((s) => s.url === "/login")).toMatchObject({ encoding: "br", cache: "no-cache" });
      expect(total).toBeLessThan(LIMIT);
      loginRoute = sizes.map((s) => s.url);
    });
    await context.close();
  });

  test("a browser without brotli (plain http elsewhere) gets gzip: still under 250 KB", async () => {
    expect(loginRoute.length).toBeGreaterThan(0);
    let total = 0;
    for (const url of loginRoute) {
      const res = await rawGet(`${j.server.url}${url}`, { "accept-encoding": "gzip, deflate" });
      expect({ url, status: res.status }).toEqual({ url, status: 200 });
      if (res.body.length > 2048) expect({ url, enc: res.headers["content-encoding"] }).toEqual({ url, enc: "gzip" });
      total += res.body.length;
    }
    console.log(`login route with gzip: ${loginRoute.length} responses, ${total} body bytes`);
    expect(total).toBeLessThan(LIMIT);
  });

  test("gzip without brotli, as is without either, 304 on revalidation, 404 for a missing asset", async () => {
    const html = await rawGet(`${j.server.url}/login`, {});
    expect(html.headers["content-encoding"]).toBeUndefined();
    expect(html.headers["cache-control"]).toBe("no-cache");
    const body = html.body.toString("utf8");
    const script = /src="(\/assets\/index-[^"]+\.js)"/.exec(body)?.[1];
    expect(script).toBeDefined();

    const gz = await rawGet(`${j.server.url}${script}`, { "accept-encoding": "gzip;q=1, br;q=0" });
    expect(gz.headers["content-encoding"]).toBe("gzip");
    expect(gz.headers["content-type"]).toMatch(/^(text|application)\/javascript/);
    expect(gz.headers.vary).toMatch(/accept-encoding/i);
    const plain = await rawGet(`${j.server.url}${script}`, { "accept-encoding": "identity" });
    expect(plain.headers["content-encoding"]).toBeUndefined();
    expect(gz.body.length).toBeLessThan(plain.body.length / 2);

    const again = await rawGet(`${j.server.url}/login`, { "if-none-match": String(html.headers.etag) });
    expect(again.status).toBe(304);

    expect((await rawGet(`${j.server.url}/assets/no-such-file.js`, {})).status).toBe(404);
    expect((await rawGet(`${j.server.url}/assets/..%2f..%2fpackage.json`, {})).status).toBe(404);
    expect((await rawGet(`${j.server.url}/%2e%2e/package.json`, {})).headers["content-type"]).toMatch(/^text\/html/);
  });
});
