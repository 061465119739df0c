import { readdirSync, readFileSync, statSync } from "node:fs";
import path from "node:path";
import { Kind, parse, print, visit, type DefinitionNode, type OperationDefinitionNode } from "graphql";

const CLIENT = path.resolve(__dirname, "..", "..", "..", "client", "src");

function graphqlFiles(dir: string): string[] {
  return readdirSync(dir).flatMap((name) => {
    const file = path.join(dir, name);
    if (statSync(file).isDirectory()) return name === "gql" ? [] : graphqlFiles(file);
    return name.endsWith(".graphql") ? [file] : [];
  });
}

export interface ClientDocument {
  operation: OperationDefinitionNode;
  /** The operation printed with the fragments it spreads (transitively), as the console sends it. */
  document: string;
}

/** The console's GraphQL operations (client/src/**\/*.graphql) by name. */
export function clientDocuments(): Map<string, ClientDocument> {
  const definitions: DefinitionNode[] = graphqlFiles(CLIENT).flatMap(
    (file) => parse(readFileSync(file, "utf8")).definitions,
  );
  const fragments = new Map(
    definitions.flatMap((d) => (d.kind === Kind.FRAGMENT_DEFINITION ? [[d.name.value, d]] : [])),
  );
  const spreads = (node: DefinitionNode) => {
    const names: string[] = [];
    visit(node, { FragmentSpread: (s) => void names.push(s.name.value) });
    return names;
  };
  const documents = new Map<string, ClientDocument>();
  for (const op of definitions) {
    if (op.kind !== Kind.OPERATION_DEFINITION || !op.name) continue;
    const needed = new Set<string>();
    const queue = spreads(op);
    while (queue.length) {
      const name = queue.pop()!;
      if (needed.has(name)) continue;
      needed.add(name);
      queue.push(...spreads(fragments.get(name)!));
    }
    const document = [op, ...[...needed].map((n) => fragments.get(n)!)].map((d) => print(d)).join("\n");
    documents.set(op.name.value, { operation: op, document });
  }
  return documents;
}
