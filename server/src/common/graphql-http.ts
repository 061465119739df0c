import { HeaderMap, type ApolloServer, type BaseContext } from "@apollo/server";
import type { Request, Response } from "express";

/** The query string of a request target (without a fragment, which a client should not send but may). */
export function searchOf(url: string): string {
  const query = url.indexOf("?");
  if (query < 0) return "";
  const fragment = url.indexOf("#", query);
  return fragment < 0 ? url.slice(query) : url.slice(query, fragment);
}

/**
 * Apollo Server behind express, as `@as-integrations/express5` hands requests over, but answering with `res.end`:
 * express's `res.send` hashes every answer for an ETag that no client can use (API answers are
 * `Cache-Control: no-store`, so nothing is ever revalidated), and the legacy `url.parse` is not needed to find the
 * query string. Together about 3 % of the CPU of a 考核进度 page (issue 15).
 */
export function graphqlHandler<C extends BaseContext>(
  server: ApolloServer<C>,
  context: (req: Request, res: Response) => Promise<C>,
) {
  server.assertStarted("graphqlHandler()");
  return async (req: Request, res: Response): Promise<void> => {
    const headers = new HeaderMap();
    for (const key in req.headers) {
      const value = req.headers[key];
      if (value !== undefined) headers.set(key, Array.isArray(value) ? value.join(", ") : value);
    }
    const answer = await server.executeHTTPGraphQLRequest({
      httpGraphQLRequest: { method: req.method.toUpperCase(), headers, search: searchOf(req.url), body: req.body },
      context: () => context(req, res),
    });
    for (const [key, value] of answer.headers) res.setHeader(key, value);
    res.statusCode = answer.status ?? 200;
    if (answer.body.kind === "complete") {
      res.end(answer.body.string);
      return;
    }
    for await (const chunk of answer.body.asyncIterator) res.write(chunk);
    res.end();
  };
}
