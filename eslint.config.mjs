// One lint configuration for the whole repository (flat config). Formatting is Prettier's job:
// eslint-config-prettier switches off every rule that would argue with it.
import js from "@eslint/js";
import prettier from "eslint-config-prettier";
import vue from "eslint-plugin-vue";
import globals from "globals";
import tseslint from "typescript-eslint";

export default tseslint.config(
  {
    ignores: [
      "**/node_modules/**",
      "**/dist/**",
      "server/bench-dist/**",
      "client/src/gql/**",
      "client/components.d.ts",
      "client/auto-imports.d.ts",
      "test/e2e/artifacts/**",
      "coverage/**",
      "data/**",
    ],
  },
  js.configs.recommended,
  ...tseslint.configs.recommended,
  ...vue.configs["flat/recommended"],
  {
    files: ["**/*.vue"],
    languageOptions: {
      parserOptions: { parser: tseslint.parser, extraFileExtensions: [".vue"], sourceType: "module" },
    },
  },
  {
    languageOptions: { globals: { ...globals.node }, ecmaVersion: 2023, sourceType: "module" },
    rules: {
      // `_`-prefixed names are deliberately unused (Express error handlers, destructuring to omit a key).
      "@typescript-eslint/no-unused-vars": [
        "error",
        { argsIgnorePattern: "^_", varsIgnorePattern: "^_", caughtErrorsIgnorePattern: "^_", ignoreRestSiblings: true },
      ],
      // Decorated GraphQL and ORM classes merge declarations with interfaces on purpose.
      "@typescript-eslint/no-unsafe-declaration-merging": "off",
      // The ideographic space (U+3000) is Chinese typography in labels (姓　　名), not a typo.
      "no-irregular-whitespace": ["error", { skipStrings: true, skipComments: true, skipTemplates: true }],
      "vue/no-irregular-whitespace": ["error", { skipStrings: true, skipComments: true, skipHTMLTextContents: true }],
    },
  },
  {
    files: ["client/src/**/*.{ts,vue}"],
    languageOptions: { globals: { ...globals.browser } },
    rules: {
      // Page components are routed by file (LoginPage, HomePage …), not used as multi-word tags.
      "vue/multi-word-component-names": "off",
      // vue/no-irregular-whitespace (above) judges templates; the core rule misreads them.
      "no-irregular-whitespace": "off",
    },
  },
  {
    // Test and benchmark helpers hand back GraphQL responses loosely typed on purpose: each test
    // asserts on the fields it asked for.
    files: ["server/src/testing/**", "server/src/**/__tests__/**", "server/src/bench/**"],
    rules: { "@typescript-eslint/no-explicit-any": "off", "@typescript-eslint/no-require-imports": "off" },
  },
  {
    files: ["**/*.cjs", "**/*.js"],
    languageOptions: { sourceType: "commonjs" },
    rules: { "@typescript-eslint/no-require-imports": "off" },
  },
  prettier,
);
