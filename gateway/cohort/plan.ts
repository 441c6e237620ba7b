/**
 * The cohort planner's algorithm, over sets of resident keys. Every department answers its own section over its own
 * data (`Ask`); the planner only intersects, subtracts and unites keys:
 * 1. the place sections first (grid's buildings, the households it visited): population turns them into residents
 *    (as the buildings and households to keep);
 * 2. the positive resident sections, most selective first (each department's own estimate), each asked only within
 *    the keys found so far;
 * 3. `anyOf`: the union of its filters, each evaluated within the keys so far;
 * 4. population (scope, active register) when no explicit population section ran, so every answer passes through
 *    the one department that knows where residents live;
 * 5. the negated sections (`not: true`): their matches within the keys so far are removed (a negated place section:
 *    the residents population finds in its places), so "not visited since" includes the households never visited.
 */
import type { PlaceKind } from '../../lib/cohort/names';
import { badInput } from '../../lib/errors';

export type Keys = Set<string>;
/** The places population keeps residents of: buildings, households, or both (each must hold). */
export type Places = Partial<Record<PlaceKind, Keys>>;

export interface Filter {
  anyOf?: Filter[] | null;
  [section: string]: unknown;
}

export interface Section {
  not?: boolean | null;
  [condition: string]: unknown;
}

export interface AskOptions extends Places {
  candidates?: Keys | null;
  estimateOnly?: boolean;
}

export type Ask = (
  section: string,
  where: Section,
  options: AskOptions,
) => Promise<{ estimate: number; keys: string[] }>;

/** Which sections answer with places (and of which kind), and which one turns places into residents. */
export interface Roles {
  places: Readonly<Record<string, PlaceKind>>;
  residents: string;
}

const without = ({ not: _not, ...where }: Section): Section => where;

/**
 * `ask`, with each section's estimate over the whole district asked once per search: the check that runs before any
 * key is sought and the planner's ordering both need it.
 */
export function estimatingOnce(ask: Ask): Ask {
  const whole = new Map<string, ReturnType<Ask>>();
  return (section, where, options) => {
    if (!options.estimateOnly || options.candidates || options.buildings || options.households)
      return ask(section, where, options);
    const key = `${section} ${JSON.stringify(where)}`;
    const asked = whole.get(key) ?? ask(section, where, options);
    whole.set(key, asked);
    return asked;
  };
}
const intersect = (a: Keys | null, b: Keys): Keys => (a ? new Set([...b].filter((k) => a.has(k))) : b);

function sectionsOf(filter: Filter): [string, Section][] {
  return Object.entries(filter).filter(
    ([name, value]) => name !== 'anyOf' && value !== null && value !== undefined,
  ) as [string, Section][];
}

/**
 * Refuses an empty `anyOf` anywhere in the filter: an OR of nothing is a form sent with no choice made, and neither
 * reading of it (no one, or everyone) is what its sender meant. `at` is the path named in the error.
 */
export function refuseEmptyAnyOf(filter: Filter, at = 'where'): void {
  if (!filter.anyOf) return;
  if (filter.anyOf.length === 0)
    throw badInput(
      `${at}.anyOf is empty: give at least one filter in it, or leave anyOf out (an empty OR matches no one)`,
      `${at}.anyOf`,
    );
  for (const [i, branch] of filter.anyOf.entries()) refuseEmptyAnyOf(branch, `${at}.anyOf[${i}]`);
}

/** Every section anywhere in the filter (for the check that runs before any key is sought). */
export function allSections(filter: Filter): [string, Section][] {
  return [...sectionsOf(filter), ...(filter.anyOf ?? []).flatMap(allSections)];
}

export async function evaluate(
  filter: Filter,
  candidates: Keys | null,
  ask: Ask,
  roles: Roles,
  top = true,
): Promise<Keys> {
  const sections = sectionsOf(filter);
  const isPlace = (name: string) => Object.hasOwn(roles.places, name);
  const places: Places = {};
  const excludedPlaces: Places[] = [];
  for (const [name, section] of sections.filter(([name]) => isPlace(name))) {
    const kind = roles.places[name];
    const found = new Set((await ask(name, without(section), {})).keys);
    if (section.not) excludedPlaces.push({ [kind]: found });
    else places[kind] = intersect(places[kind] ?? null, found);
  }
  const residentSections = sections.filter(([name]) => !isPlace(name));
  const positive = residentSections.filter(([, s]) => !s.not);
  const negative = residentSections.filter(([, s]) => s.not);
  const explicitResidents = positive.some(([name]) => name === roles.residents);
  // places must become residents, the whole answer must pass population's scope once, and a filter of negations only
  // starts from every resident in scope
  const cannotStart = candidates === null && !positive.length && !filter.anyOf?.length;
  const implicit =
    !explicitResidents && (top || Object.keys(places).length > 0 || cannotStart)
      ? ([roles.residents, {}] as [string, Section])
      : null;

  const optionsFor = (name: string, current: Keys | null): AskOptions => ({
    candidates: current,
    ...(name === roles.residents ? places : {}),
  });
  // only an order among several sections needs their estimates
  const estimates =
    positive.length < 2
      ? [0]
      : await Promise.all(
          positive.map(
            async ([name, s]) =>
              (await ask(name, without(s), { ...optionsFor(name, candidates), estimateOnly: true })).estimate,
          ),
        );
  const ordered = positive
    .map((p, i) => ({ p, estimate: estimates[i] }))
    .sort((a, b) => a.estimate - b.estimate)
    .map((x) => x.p);

  // a copy: negations remove keys from it, and the caller's set (an anyOf's candidates) must stay whole
  let current = candidates ? new Set(candidates) : null;
  for (const [name, section] of ordered) {
    if (current?.size === 0) return current;
    current = new Set((await ask(name, without(section), optionsFor(name, current))).keys);
  }
  if (current?.size === 0) return current;
  if (filter.anyOf?.length) {
    const union = new Set<string>();
    for (const branch of filter.anyOf)
      for (const key of await evaluate(branch, current, ask, roles, false)) union.add(key);
    current = intersect(current, union);
  }
  if (implicit) current = new Set((await ask(implicit[0], implicit[1], optionsFor(implicit[0], current))).keys);
  if (current === null) throw new Error('a cohort filter section needs at least one condition to start from');
  for (const [name, section] of negative) {
    if (!current.size) break;
    for (const key of (await ask(name, without(section), { candidates: current })).keys) current.delete(key);
  }
  for (const excluded of excludedPlaces) {
    if (!current.size) break;
    for (const key of (await ask(roles.residents, {}, { candidates: current, ...excluded })).keys) current.delete(key);
  }
  return current;
}
