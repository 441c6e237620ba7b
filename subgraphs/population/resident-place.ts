import DataLoader from 'dataloader';
import { createHash } from 'node:crypto';
import type { EntityManager } from '@mikro-orm/postgresql';
import { aliasedColumns, rowPart } from '../../lib/db/joined-rows';
import { preparedByKeys } from '../../lib/db/prepared';
import type { ResolvedScope } from '../../lib/auth/scope';
import { scopeSql } from '../../lib/auth/scope-sql';
import { Building } from './entities/building';
import { ResidentStatus } from './entities/enums';
import { Household } from './entities/household';
import { Resident } from './entities/resident';
import { asEntity } from '../../lib/db/as-entity';

/** The loaders a joined read fills for the rest of the request. */
export interface PlaceLoaders {
  resident: DataLoader<string, Resident | null>;
  household: DataLoader<string, Household | null>;
  building: DataLoader<string, Building | null>;
  /** each household's current members' ids, where a read brought them (its audit rows name them) */
  knownMemberIds: Map<string, string[]>;
}

const statements = new Map<string, { name: string; sql: string }>();

/**
 * Residents with their household and its building, in ONE statement where reading them level by level took three:
 * a resident's scope check needs where they live, so every read of a resident reads the household and building anyway.
 * With `members`, also each household's current members' ids (what a household's audit row names). With `scope`, only
 * residents inside it: a resident outside it costs what one nobody issued does (one statement, nothing found).
 */
function statement(em: EntityManager, members: boolean, scope: ResolvedScope | null) {
  const where = scope ? scopeSql(scope, { building: 'b.id', communityCode: 'b.community_code' }) : null;
  const key = `${members}|${where?.sql ?? ''}`;
  const cached = statements.get(key);
  if (cached) return { ...cached, params: where?.params ?? [] };
  let n = 1;
  const sql = `select ${[
    aliasedColumns(em, Resident, 'r'),
    aliasedColumns(em, Household, 'h'),
    aliasedColumns(em, Building, 'b'),
    ...(members
      ? [
          `array(select m.id from resident m where m.household_id = h.id and m.status = '${ResidentStatus.ACTIVE}' order by m.id) as "members"`,
        ]
      : []),
  ].join(', ')}
  from resident r left join household h on h.id = r.household_id left join building b on b.id = h.building_id
  where r.id = any($1)${where ? ` and ${where.sql.replace(/\?/g, () => `$${++n}`)}` : ''}`;
  const made = { name: `population_place_${createHash('sha256').update(sql).digest('hex').slice(0, 20)}`, sql };
  statements.set(key, made);
  return { ...made, params: where?.params ?? [] };
}

/** Reads the residents and their places in one statement, as entities, and primes the loaders with all of them. */
export async function readResidentsWithPlace(
  em: EntityManager,
  loaders: PlaceLoaders,
  ids: readonly string[],
  options: { members: boolean; scope?: ResolvedScope | null },
): Promise<(Resident | null)[]> {
  const { name, sql, params } = statement(em, options.members, options.scope ?? null);
  const rows = await preparedByKeys(em, name, sql, ids, params);
  const found = new Map<string, Resident>();
  for (const row of rows) {
    const resident = asEntity(em, Resident, rowPart(row, 'r')!);
    found.set(resident.id, resident);
    loaders.resident.prime(resident.id, resident);
    const h = rowPart(row, 'h');
    if (!h) continue;
    const household = asEntity(em, Household, h);
    loaders.household.prime(household.id, household);
    if (options.members) loaders.knownMemberIds.set(household.id, row.members as string[]);
    const b = rowPart(row, 'b');
    if (b) loaders.building.prime(b.id as string, asEntity(em, Building, b));
  }
  return ids.map((id) => found.get(id) ?? null);
}

/** By id, with household and building (and, with `members`, the households' member ids) in one statement per batch. */
export const residentsWithPlace = (em: EntityManager, loaders: PlaceLoaders, members: boolean) =>
  new DataLoader<string, Resident | null>((ids) => readResidentsWithPlace(em, loaders, ids, { members }));
