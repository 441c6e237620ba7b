import type { FieldRule } from '../../lib/auth/rules';
import { KEY_PERSON_DATA } from './entities/key-person';

/**
 * Who in public security may change what (不予共享: no other department writes here):
 * - OFFICER (派出所民警, a station's officer): every change;
 * - GRID_POLICE (网格民警/社区民警): the day-to-day records of their grid — incidents, rentals and tenants, residence
 *   permits issued and renewed, key-person contacts;
 * - AUDITOR: reads the audit trail only.
 * Decisions of the station — cancelling a permit, putting a person under key-person supervision or ending it, assigning
 * grid police — are OFFICER only.
 */
export const POLICE_OFFICERS: FieldRule = { sharing: 'NOT_SHARED', ownerRoles: ['OFFICER', 'GRID_POLICE'] };

/** A station's decision (派出所决定): OFFICER only. */
export const STATION_OFFICERS: FieldRule = {
  sharing: 'NOT_SHARED',
  ownerRoles: ['OFFICER'],
  note: 'a police station’s decision',
};

/** Starting and ending key-person supervision (列管/撤管): key-person data, decided by the station. */
export const KEY_PERSON_DECISIONS: FieldRule = { ...KEY_PERSON_DATA, ownerRoles: ['OFFICER'] };
