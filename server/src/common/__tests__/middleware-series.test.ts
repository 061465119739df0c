import express, { type NextFunction, type Request, type RequestHandler, type Response } from "express";
import type { AddressInfo } from "node:net";
import { series } from "../middleware-series";

/** The series behaves as the same handlers mounted one by one on express's router would. */
async function answer(handlers: RequestHandler[], mount: (app: express.Express, h: RequestHandler[]) => void) {
  const app = express();
  mount(app, handlers);
  app.use(
    "/api",
    (req: Request, res: Response) => void res.json({ reached: "after", url: req.url, seen: res.locals.seen }),
  );
  app.use(
    (err: Error, _req: Request, res: Response, _next: NextFunction) =>
      void res.status(500).json({ error: err.message }),
  );
  const server = app.listen(0);
  try {
    const { port } = server.address() as AddressInfo;
    const res = await fetch(`http://127.0.0.1:${port}/api/x?y=1`);
    return { status: res.status, body: await res.text() };
  } finally {
    server.close();
  }
}

const record =
  (name: string): RequestHandler =>
  (_req, res, next) => {
    res.locals.seen = [...(res.locals.seen ?? []), name];
    next();
  };

const cases: [string, RequestHandler[]][] = [
  ["all pass", [record("a"), record("b")]],
  ["next(err)", [record("a"), (_req, _res, next) => next(new Error("refused")), record("c")]],
  [
    "thrown",
    [
      record("a"),
      () => {
        throw new Error("thrown");
      },
    ],
  ],
  ["rejected promise", [record("a"), async () => Promise.reject(new Error("rejected"))]],
  ["next('route')", [record("a"), (_req, _res, next) => next("route"), record("c")]],
  ["next('router')", [record("a"), (_req, _res, next) => next("router"), record("c")]],
  ["answers itself", [record("a"), (req, res) => void res.json({ answered: req.url }), record("c")]],
  ["async then next", [async (_req, res, next) => (await Promise.resolve(), record("a")(_req, res, next))]],
];

describe("series of middlewares as one layer", () => {
  it.each(cases)("%s: the same answer as the handlers mounted one by one", async (_name, handlers) => {
    const one = await answer(handlers, (app, h) => app.use("/api", series(...h)));
    const each = await answer(handlers, (app, h) => app.use("/api", ...h));
    expect(one).toEqual(each);
  });
});
