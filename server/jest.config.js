// SWC transpiles (fast, keeps decorator metadata); `tsc --noEmit` type-checks separately.
const swcTs = [
  "@swc/jest",
  {
    jsc: {
      target: "es2022",
      parser: { syntax: "typescript", decorators: true },
      transform: { legacyDecorator: true, decoratorMetadata: true },
      keepClassNames: true,
    },
    module: { type: "commonjs" },
  },
];

module.exports = {
  testEnvironment: "node",
  roots: ["<rootDir>/src"],
  testMatch: ["**/*.test.ts"],
  moduleFileExtensions: ["ts", "js", "mjs", "json"],
  transform: {
    "^.+\\.ts$": swcTs,
    // The shared rules package (rules/) is plain ES modules, as are graphql-upload 17 and fs-capacitor 8; Jest on
    // Node 20 cannot require(esm).
    "^.+/rules/src/.+\\.js$": ["@swc/jest", { module: { type: "commonjs" } }],
    "^.+/node_modules/(graphql-upload|fs-capacitor)/.+\\.m?js$": ["@swc/jest", { module: { type: "commonjs" } }],
  },
  transformIgnorePatterns: ["/node_modules/(?!(graphql-upload|fs-capacitor)/)"],
  setupFiles: ["reflect-metadata"],
  testTimeout: 30000,
};
