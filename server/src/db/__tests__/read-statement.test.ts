import { startTestApp, type TestApp } from "../../testing/test-app";
import { readStatement } from "../read-statement";

/**
 * readStatement runs the hottest lists' statements straight on a pooled connection (ds.query on SQLite): every
 * way out of it must hand the connection back, or a few odd requests would drain the pool for everyone.
 */
let app: TestApp;
beforeAll(async () => {
  app = await startTestApp();
});
afterAll(() => app.close());

it("reads rows, with the logger counting the statement", async () => {
  app.queries.clear();
  expect(await readStatement(app.deps.ds, "SELECT 1 + ? AS n", [2])).toEqual([{ n: 3 }]);
  expect(app.queries.statements).toEqual(["SELECT 1 + ? AS n"]);
});

it("a failing statement rejects and gives its connection back: more failures than the pool holds, then a read", async () => {
  const throwing = {
    toSqlString(): string {
      throw new Error("cannot format this value");
    },
  };
  for (let i = 0; i < 25; i++) {
    await expect(readStatement(app.deps.ds, "SELECT no_such_column FROM app_setting", [])).rejects.toThrow();
    await expect(readStatement(app.deps.ds, "SELECT ? AS v", [throwing])).rejects.toThrow();
  }
  expect(await readStatement(app.deps.ds, "SELECT 7 AS n", [])).toEqual([{ n: 7 }]);
});
