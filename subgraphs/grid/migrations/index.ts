import type { MigrationObject } from '@mikro-orm/core';
import { Migration20261124144530 } from './Migration20261124144530';
import { Migration20261201074418 } from './Migration20261201074418';
import { Migration20261203130000 } from './Migration20261203130000';
import { Migration20261203153650 } from './Migration20261203153650';
import { Migration20261203164148 } from './Migration20261203164148';
import { Migration20261203183000 } from './Migration20261203183000';
import { Migration20261203183329 } from './Migration20261203183329';
import { Migration20261204210000 } from './Migration20261204210000';

/** Applied in order at boot; a new one comes from `npm run migration:create -- grid`. */
export const migrations: MigrationObject[] = [
  { name: 'Migration20261124144530', class: Migration20261124144530 },
  { name: 'Migration20261201074418', class: Migration20261201074418 },
  { name: 'Migration20261203130000', class: Migration20261203130000 },
  { name: 'Migration20261203153650', class: Migration20261203153650 },
  { name: 'Migration20261203164148', class: Migration20261203164148 },
  { name: 'Migration20261203183000', class: Migration20261203183000 },
  { name: 'Migration20261203183329', class: Migration20261203183329 },
  { name: 'Migration20261204210000', class: Migration20261204210000 },
];
