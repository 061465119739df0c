import { createHash } from "node:crypto";
import type { CodegenConfig } from "@graphql-codegen/cli";
import { sortExecutableDocument } from "@graphql-tools/documents";
import {
  Kind,
  visit,
  type DocumentNode,
  type FieldNode,
  type FragmentDefinitionNode,
  type InlineFragmentNode,
} from "graphql";

/**
 * Typed documents from the operations kept next to the pages (src/**\/*.graphql).
 * Output goes to src/gql/ (gitignored): never hand-write response types.
 *
 * `persistedDocuments` also writes src/gql/persisted-documents.json (sha256 → document); the build copies
 * it to dist/persisted-operations.json, the allow-list the server runs with PERSISTED_OPERATIONS_FILE.
 * The console keeps sending full documents, and the server compares them after print(parse(…)), which
 * keeps the order of definitions and fields. So the documents the console sends must be exactly those of
 * the allow-list, which codegen prints in a canonical order (definitions and fields sorted by name). The
 * transform below makes the typed documents already canonical, as Apollo Client will send them:
 *  - fragment spreads of operations are inlined (`... on Type { … }`): codegen would append fragment
 *    definitions after the operation, while the allow-list sorts them before it;
 *  - `__typename` is selected wherever Apollo's cache would add it (every selection set but the
 *    operation's root), so Apollo leaves the document as it is;
 *  - fields are sorted as the allow-list prints them (mutation root fields keep their order).
 * Fragment definitions stay, for their types (RosterRowFragment …).
 */
function asSent(document: DocumentNode): DocumentNode {
  return sortExecutableDocument(withTypename(document));
}

const TYPENAME: FieldNode = { kind: Kind.FIELD, name: { kind: Kind.NAME, value: "__typename" } };

/** Apollo Client's addTypenameToDocument rule: every selection set except an operation's root one. */
function withTypename(document: DocumentNode): DocumentNode {
  return visit(document, {
    SelectionSet(node, _key, parent) {
      if (parent && !Array.isArray(parent) && (parent as { kind?: string }).kind === Kind.OPERATION_DEFINITION)
        return undefined;
      if (node.selections.some((s) => s.kind === Kind.FIELD && s.name.value.startsWith("__"))) return undefined;
      return { ...node, selections: [...node.selections, TYPENAME] };
    },
  });
}

/** Replaces fragment spreads inside operations with the fragment's selections, recursively. */
function inlineFragments(document: DocumentNode, fragments: Map<string, FragmentDefinitionNode>): DocumentNode {
  return {
    ...document,
    definitions: document.definitions.map((definition) =>
      definition.kind !== Kind.OPERATION_DEFINITION
        ? definition
        : visit(definition, {
            FragmentSpread(spread): InlineFragmentNode {
              const fragment = fragments.get(spread.name.value);
              if (!fragment) throw new Error(`fragment ${spread.name.value} is not defined`);
              return {
                kind: Kind.INLINE_FRAGMENT,
                typeCondition: fragment.typeCondition,
                directives: spread.directives,
                selectionSet: fragment.selectionSet,
              };
            },
          }),
    ),
  };
}

const config: CodegenConfig = {
  schema: "../schema.graphql",
  documents: ["src/**/*.graphql"],
  ignoreNoDocuments: false,
  generates: {
    "src/gql/": {
      preset: "client",
      presetConfig: {
        fragmentMasking: false,
        // Keys are plain sha256 hex digests, as `extensions.persistedQuery.sha256Hash` carries them.
        persistedDocuments: {
          hashAlgorithm: (document: string) => createHash("sha256").update(document).digest("hex"),
        },
      },
      documentTransforms: [
        {
          transform: ({ documents }) => {
            const fragments = new Map<string, FragmentDefinitionNode>();
            for (const d of documents)
              for (const def of d.document?.definitions ?? [])
                if (def.kind === Kind.FRAGMENT_DEFINITION) fragments.set(def.name.value, def);
            return documents.map((d) =>
              d.document ? { ...d, document: asSent(inlineFragments(d.document, fragments)) } : d,
            );
          },
        },
      ],
      config: {
        useTypeImports: true,
        enumsAsTypes: true,
        scalars: { DateTimeISO: "string", Upload: "File" },
      },
    },
  },
};

export default config;
