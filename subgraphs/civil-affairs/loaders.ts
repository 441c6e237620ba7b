import type { EntityManager } from '@mikro-orm/postgresql';
import type { RequestContext } from '../../lib/context';
import { byId, manyBy } from '../../lib/db/loaders';
import { AssistanceCase } from './entities/assistance-case';

const NEWEST_FIRST = { appliedOn: 'desc', id: 'asc' } as const;

export function createLoaders(em: EntityManager) {
  return {
    assistanceCase: byId(em, AssistanceCase),
    casesOfResident: manyBy(em, AssistanceCase, 'residentId', (c) => c.residentId, NEWEST_FIRST),
    casesOfHousehold: manyBy(em, AssistanceCase, 'householdId', (c) => c.householdId!, NEWEST_FIRST),
  };
}

export type CivilAffairsContext = RequestContext<ReturnType<typeof createLoaders>>;
