import type { CodegenConfig } from "@graphql-codegen/cli";

// Typed documents from the operations kept next to the pages (src/**/*.graphql).
// Output goes to src/gql/ (gitignored): never hand-write response types.
const config: CodegenConfig = {
  schema: "../schema.graphql",
  documents: ["src/**/*.graphql"],
  ignoreNoDocuments: false,
  generates: {
    "src/gql/": {
      preset: "client",
      presetConfig: { fragmentMasking: false },
      config: {
        useTypeImports: true,
        enumsAsTypes: true,
        scalars: { DateTimeISO: "string", Upload: "File" },
      },
    },
  },
};

export default config;
