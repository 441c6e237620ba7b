import type { MigrationObject } from '@mikro-orm/core';
import { Migration20261124143544 } from './Migration20261124143544';
import { Migration20261201074501 } from './Migration20261201074501';
import { Migration20261201081500 } from './Migration20261201081500';
import { Migration20261203150000 } from './Migration20261203150000';
import { Migration20261203183423 } from './Migration20261203183423';
import { Migration20261203214500 } from './Migration20261203214500';
import { Migration20261203220000 } from './Migration20261203220000';
import { Migration20261204210000 } from './Migration20261204210000';

/** Applied in order at boot; a new one comes from `npm run migration:create -- population`. */
export const migrations: MigrationObject[] = [
  { name: 'Migration20261124143544', class: Migration20261124143544 },
  { name: 'Migration20261201074501', class: Migration20261201074501 },
  { name: 'Migration20261201081500', class: Migration20261201081500 },
  { name: 'Migration20261203150000', class: Migration20261203150000 },
  { name: 'Migration20261203183423', class: Migration20261203183423 },
  { name: 'Migration20261203214500', class: Migration20261203214500 },
  { name: 'Migration20261203220000', class: Migration20261203220000 },
  { name: 'Migration20261204210000', class: Migration20261204210000 },
];
