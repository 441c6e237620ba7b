import type { FieldNode, GraphQLResolveInfo, SelectionSetNode } from 'graphql';

/** The fields a selection set asks for directly, through fragments and inline fragments too. */
function* fieldsOf(set: SelectionSetNode | undefined, info: GraphQLResolveInfo): Generator<FieldNode> {
  for (const selection of set?.selections ?? []) {
    if (selection.kind === 'Field') yield selection;
    else if (selection.kind === 'InlineFragment') yield* fieldsOf(selection.selectionSet, info);
    else yield* fieldsOf(info.fragments[selection.name.value]?.selectionSet, info);
  }
}

/**
 * Whether the field being resolved asks for the nested field at `path` (e.g. `['household', 'building']`), so a
 * resolver or loader can read what the query will need in one statement instead of one per level. For an `_entities`
 * field, the representations' `... on Type { … }` count. Directives (@skip, @include) are not read: a look-ahead that
 * says yes for a skipped field only reads a little more.
 */
export function selects(info: GraphQLResolveInfo, path: readonly string[]): boolean {
  let level: FieldNode[] = [...info.fieldNodes];
  for (const name of path) {
    level = level.flatMap((node) => [...fieldsOf(node.selectionSet, info)].filter((f) => f.name.value === name));
    if (!level.length) return false;
  }
  return true;
}
