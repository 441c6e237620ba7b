import type { MigrationObject } from '@mikro-orm/core';
import { Migration20261124144101 } from './Migration20261124144101';
import { Migration20261125033000 } from './Migration20261125033000';
import { Migration20261201075144 } from './Migration20261201075144';
import { Migration20261203153548 } from './Migration20261203153548';
import { Migration20261203190000 } from './Migration20261203190000';
import { Migration20261204040000 } from './Migration20261204040000';
import { Migration20261204210000 } from './Migration20261204210000';
import { Migration20261205070000 } from './Migration20261205070000';

/** Applied in order at boot; a new one comes from `npm run migration:create -- public-security`. */
export const migrations: MigrationObject[] = [
  { name: 'Migration20261124144101', class: Migration20261124144101 },
  { name: 'Migration20261125033000', class: Migration20261125033000 },
  { name: 'Migration20261201075144', class: Migration20261201075144 },
  { name: 'Migration20261203153548', class: Migration20261203153548 },
  { name: 'Migration20261203190000', class: Migration20261203190000 },
  { name: 'Migration20261204040000', class: Migration20261204040000 },
  { name: 'Migration20261204210000', class: Migration20261204210000 },
  { name: 'Migration20261205070000', class: Migration20261205070000 },
];
