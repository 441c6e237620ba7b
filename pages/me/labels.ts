import { Kind, parse } from 'graphql';
import { loadSupergraph } from '../../gateway/supergraph';

/**
 * The words a resident reads for the graph's enum values, taken from the schema's own descriptions (each value's
 * Chinese term: the first run of Chinese in its description, e.g. "已受理 — taken in" → 已受理), so the page keeps no
 * second copy of the code tables. A value without a Chinese description is left out (the page shows it as it came).
 */
export function enumTerms(sdl: string): Record<string, Record<string, string>> {
  const terms: Record<string, Record<string, string>> = {};
  for (const definition of parse(sdl).definitions) {
    if (definition.kind !== Kind.ENUM_TYPE_DEFINITION) continue;
    const values: Record<string, string> = {};
    for (const value of definition.values ?? []) {
      const term = /[\p{Script=Han}，、]+/u.exec(value.description?.value ?? '')?.[0];
      if (term) values[value.name.value] = term;
    }
    if (Object.keys(values).length) terms[definition.name.value] = values;
  }
  return terms;
}

/** The served supergraph's enum terms, read once. */
let served: Record<string, Record<string, string>> | undefined;
export const supergraphEnumTerms = () => (served ??= enumTerms(loadSupergraph()));
