import { type DocumentNode, Kind, type OperationDefinitionNode, parse, visit } from 'graphql';
import type { CallbackPurpose } from '../lib/auth/callback';
import { rootFields } from '../lib/auth/public';
import { isId } from '../lib/errors';

/**
 * Which of a department's mutations ask the graph back, and with which registered documents (by operation name):
 * `{ "<subgraph>": { "<mutation field>": ["<operation name>", …] } }`, the `askBack` part of the trusted documents file.
 */
export type AskBackDeclarations = Record<string, Record<string, string[]>>;

/** subgraph → mutation field → SHA-256 of the registered documents it may ask with */
export type AskBackPolicy = ReadonlyMap<string, ReadonlyMap<string, string[]>>;

const operationNameOf = (text: string) =>
  parse(text).definitions.find((d): d is OperationDefinitionNode => d.kind === Kind.OPERATION_DEFINITION)?.name?.value;

/** The declarations with each operation name resolved to the registered documents of that name; a name none has is an error. */
export function askBackPolicy(
  declarations: AskBackDeclarations | undefined,
  documents: Record<string, string>,
  file: string,
): AskBackPolicy {
  const byName = new Map<string, string[]>();
  for (const [hash, text] of Object.entries(documents)) {
    const name = operationNameOf(text);
    if (name) byName.set(name, [...(byName.get(name) ?? []), hash]);
  }
  const policy = new Map<string, Map<string, string[]>>();
  for (const [subgraph, mutations] of Object.entries(declarations ?? {})) {
    const fields = new Map<string, string[]>();
    for (const [field, names] of Object.entries(mutations)) {
      fields.set(
        field,
        names.flatMap((name) => {
          const hashes = byName.get(name);
          if (!hashes)
            throw new Error(
              `${file}: askBack.${subgraph}.${field} names the operation ${name}, which no registered document is`,
            );
          return hashes;
        }),
      );
    }
    policy.set(subgraph, fields);
  }
  return policy;
}

/** The most values one capability is bound to: it travels as a header; a larger change is handed none. */
const MAX_BOUND_VALUES = 400;

/** Every value a subgraph request names: the leaves of its variables (but true/false) and the literals in its document. */
function valuesOf(document: DocumentNode, variables: unknown): string[] {
  const found = new Set<string>();
  const walk = (value: unknown) => {
    if (Array.isArray(value)) value.forEach(walk);
    else if (value && typeof value === 'object') Object.values(value).forEach(walk);
    else if (typeof value === 'string' || typeof value === 'number')
      found.add(isId(value) ? value.toLowerCase() : String(value));
  };
  walk(variables);
  visit(document, {
    StringValue: (node) => void walk(node.value),
    IntValue: (node) => void walk(node.value),
    FloatValue: (node) => void walk(node.value),
    EnumValue: (node) => void walk(node.value),
  });
  return [...found];
}

/**
 * What the capability handed with one subgraph request is for, or null when it gets none: only a request that runs a
 * mutation the subgraph owns (never an entity fetch made while serving someone else's mutation) and that is declared to
 * ask back, bound to that mutation's documents and to the records its request names.
 */
export function callbackPurpose(policy: AskBackPolicy, subgraph: string, body: string): CallbackPurpose | null {
  const declared = policy.get(subgraph);
  if (!declared) return null;
  let request: { query?: string; variables?: unknown; operationName?: string };
  let document: DocumentNode;
  try {
    request = JSON.parse(body);
    document = parse(request.query ?? '');
  } catch {
    return null;
  }
  const operations = document.definitions.filter(
    (d): d is OperationDefinitionNode => d.kind === Kind.OPERATION_DEFINITION,
  );
  const operation = operations.find((o) => !request.operationName || o.name?.value === request.operationName);
  if (operation?.operation !== 'mutation') return null;
  const documents = [...new Set(rootFields(document, operation).flatMap((field) => declared.get(field) ?? []))];
  if (!documents.length) return null;
  const records = valuesOf(document, request.variables);
  return records.length <= MAX_BOUND_VALUES ? { documents, records } : null;
}
