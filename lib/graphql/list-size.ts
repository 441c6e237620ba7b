import {
  type ConstDirectiveNode,
  type DocumentNode,
  Kind,
  type ObjectTypeDefinitionNode,
  type TypeNode,
  parse,
} from 'graphql';
import { Directive } from 'type-graphql';

/** The @tag every department's @PersonalData types carry in the SDL, so the gateway can count personal records. */
export const PERSONAL_TAG = 'personal';

/**
 * The typical length of a plain (unpaged) list, declared next to the field with the GraphQL cost spec's @listSize,
 * which composition keeps in the supergraph. A list that grows with the district is paged instead (first/after).
 */
export const ListSize = (assumedSize: number) => Directive(`@listSize(assumedSize: ${assumedSize})`);

/** What the gateway's estimates read from the supergraph. */
export interface SizeDeclarations {
  /** 'Type.field' → its declared @listSize(assumedSize:) */
  listSizes: Map<string, number>;
  /** object types tagged PERSONAL_TAG */
  personalTypes: Set<string>;
}

/** The value of `argument` of the first `@name` among `directives`. */
const directiveArgument = (directives: readonly ConstDirectiveNode[] | undefined, name: string, argument: string) =>
  directives?.find((d) => d.name.value === name)?.arguments?.find((a) => a.name.value === argument)?.value;

const objectTypes = (document: DocumentNode) =>
  document.definitions.filter((d): d is ObjectTypeDefinitionNode => d.kind === Kind.OBJECT_TYPE_DEFINITION);

export function readSizeDeclarations(supergraphSdl: string): SizeDeclarations {
  const declarations: SizeDeclarations = { listSizes: new Map(), personalTypes: new Set() };
  for (const type of objectTypes(parse(supergraphSdl))) {
    const personal = (type.directives ?? []).some((d) => {
      const tag = directiveArgument([d], 'tag', 'name');
      return tag?.kind === Kind.STRING && tag.value === PERSONAL_TAG;
    });
    if (personal) declarations.personalTypes.add(type.name.value);
    for (const field of type.fields ?? []) {
      const size = directiveArgument(field.directives, 'listSize', 'assumedSize');
      if (size?.kind === Kind.INT)
        declarations.listSizes.set(`${type.name.value}.${field.name.value}`, Number(size.value));
    }
  }
  return declarations;
}

/** A page of a list (`<Item>Connection`): its size is its `first` argument, and its `nodes` and `edges` are that page. */
export const isConnectionType = (name: string) => name.endsWith('Connection');

const listOf = (type: TypeNode): string | null => {
  const inner = type.kind === Kind.NON_NULL_TYPE ? type.type : type;
  if (inner.kind !== Kind.LIST_TYPE) return null;
  let item = inner.type;
  while (item.kind !== Kind.NAMED_TYPE) item = item.type;
  return item.name.value;
};

/** Lists of objects in the supergraph that are neither inside a page nor declare @listSize: each must be one or the other. */
export function unsizedLists(supergraphSdl: string): string[] {
  const document = parse(supergraphSdl);
  const objects = new Set(objectTypes(document).map((t) => t.name.value));
  const { listSizes } = readSizeDeclarations(supergraphSdl);
  return objectTypes(document)
    .filter((type) => !isConnectionType(type.name.value))
    .flatMap((type) =>
      (type.fields ?? [])
        .filter((f) => objects.has(listOf(f.type) ?? ''))
        .map((f) => `${type.name.value}.${f.name.value}`),
    )
    .filter((name) => !listSizes.has(name));
}
