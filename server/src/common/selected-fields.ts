import { Kind, type GraphQLResolveInfo, type SelectionSetNode } from "graphql";

/**
 * The names of the fields a query selects under `child` of the field being resolved (`items` of a page), through
 * fragments and inline fragments, whatever their directives (a field under @include(if: false) still counts: the
 * answer may only be too large, never too small). Empty when `child` is not selected.
 */
export function selectedSubfields(info: GraphQLResolveInfo, child: string): Set<string> {
  const names = new Set<string>();
  const visit = (set: SelectionSetNode | undefined, collecting: boolean) => {
    for (const s of set?.selections ?? []) {
      if (s.kind === Kind.FIELD) {
        if (collecting) names.add(s.name.value);
        else if (s.name.value === child) visit(s.selectionSet, true);
      } else if (s.kind === Kind.INLINE_FRAGMENT) visit(s.selectionSet, collecting);
      else visit(info.fragments[s.name.value]?.selectionSet, collecting);
    }
  };
  for (const node of info.fieldNodes) visit(node.selectionSet, false);
  return names;
}
