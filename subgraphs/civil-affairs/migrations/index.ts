import type { MigrationObject } from '@mikro-orm/core';
import { Migration20261124144311 } from './Migration20261124144311';
import { Migration20261125030000 } from './Migration20261125030000';
import { Migration20261201084258 } from './Migration20261201084258';
import { Migration20261203153000 } from './Migration20261203153000';
import { Migration20261203160000 } from './Migration20261203160000';
import { Migration20261203183739 } from './Migration20261203183739';
import { Migration20261204040000 } from './Migration20261204040000';
import { Migration20261204210000 } from './Migration20261204210000';

/** Applied in order at boot; a new one comes from `npm run migration:create -- civil-affairs`. */
export const migrations: MigrationObject[] = [
  { name: 'Migration20261124144311', class: Migration20261124144311 },
  { name: 'Migration20261125030000', class: Migration20261125030000 },
  { name: 'Migration20261201084258', class: Migration20261201084258 },
  { name: 'Migration20261203153000', class: Migration20261203153000 },
  { name: 'Migration20261203160000', class: Migration20261203160000 },
  { name: 'Migration20261203183739', class: Migration20261203183739 },
  { name: 'Migration20261204040000', class: Migration20261204040000 },
  { name: 'Migration20261204210000', class: Migration20261204210000 },
];
