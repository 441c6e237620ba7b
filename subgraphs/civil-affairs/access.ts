import type { FieldRule } from '../../lib/auth/rules';

/** Who outside civil affairs may read a person's welfare facts, for a stated purpose: their grid's staff and population. */
const WELFARE_READERS = ['GRID:GRID_WORKER', 'GRID:GRID_LEADER', 'POPULATION:*'];

/** Amounts paid to a family. */
export const AMOUNTS: FieldRule = {
  sharing: 'CONDITIONAL',
  grantedTo: WELFARE_READERS,
  note: 'amounts paid to a family',
};

/** A person's disability, elderly care, special care, applications and volunteering. */
export const WELFARE: FieldRule = {
  sharing: 'CONDITIONAL',
  grantedTo: WELFARE_READERS,
  note: 'a person’s welfare (health, family, service) facts',
};

/** Recording and deciding: civil affairs' caseworkers and reviewers only. */
export const CASEWORKERS: FieldRule = { sharing: 'NOT_SHARED', ownerRoles: ['CASEWORKER', 'REVIEWER'] };

/** Civil affairs' own files (lists, worklists, histories). */
export const CASE_FILES: FieldRule = { sharing: 'NOT_SHARED' };
