import type { NextFunction, Request, RequestHandler, Response } from "express";

/**
 * Middlewares run in turn as one router layer. The API's path went through ten layers of express's router on every
 * request, each matching the path, trimming and restoring `req.url` and allocating its own `next` (issue 15: the
 * router was as much CPU per request as the GraphQL execution of a 考核进度 page). The handlers are called as the
 * router calls them: an error passed to `next`, thrown, or a rejected promise returned goes to the error handlers;
 * `next("route")` goes on to the next handler, as it does between layers mounted with `app.use`, and `next("router")`
 * leaves the router.
 */
export function series(...handlers: RequestHandler[]): RequestHandler {
  return (req: Request, res: Response, done: NextFunction) => {
    let index = 0;
    const next = (err?: unknown): void => {
      if (err !== undefined && err !== null && err !== "route") return done(err);
      const handler = handlers[index++];
      if (!handler) return done();
      try {
        const returned: unknown = handler(req, res, next);
        if (returned && typeof (returned as Promise<unknown>).then === "function")
          (returned as Promise<unknown>).then(undefined, (error: unknown) =>
            next(error || new Error("Rejected promise")),
          );
      } catch (error) {
        next(error);
      }
    };
    next();
  };
}
