import type { AppConfig } from "../config";
import { startTestApp, type TestApp } from "./test-app";
import { buildWorld, type World } from "./world";

/** A server and the test world for the enclosing describe block (or file): started before, closed after. */
export function appWithWorld(overrides: Partial<AppConfig> = {}) {
  const t = {} as { app: TestApp; world: World };
  beforeAll(async () => {
    t.app = await startTestApp(overrides);
    t.world = await buildWorld(t.app.deps.ds);
  });
  afterAll(() => t.app.close());
  return t;
}
