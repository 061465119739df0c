// Browser journeys: the built server (server/dist) serving the built console (client/dist), driven in
// real Chromium through playwright-core. Build first: `npm run build` (test/run.mjs does).
const path = require("node:path");

module.exports = {
  rootDir: path.resolve(__dirname, "../.."),
  roots: ["<rootDir>/test/e2e"],
  testMatch: ["<rootDir>/test/e2e/**/*.e2e.ts"],
  testEnvironment: "node",
  moduleFileExtensions: ["ts", "js", "json"],
  transform: {
    "^.+\\.ts$": [
      "@swc/jest",
      { jsc: { target: "es2022", parser: { syntax: "typescript" } }, module: { type: "commonjs" } },
    ],
  },
  // One browser and one server at a time: the journeys are long and the machine has 2 cores.
  maxWorkers: 1,
  testTimeout: 180000,
  slowTestThreshold: 60,
};
