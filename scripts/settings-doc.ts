/** npm run settings:doc: writes docs/configuration.md from the declared settings (lib/config/declared.ts). */
import { writeFileSync } from 'node:fs';
import { join } from 'node:path';
import { configurationDoc } from '../lib/config/doc';
import { ROOT } from '../lib/config/kinds';

const file = join(ROOT, 'docs', 'configuration.md');
writeFileSync(file, configurationDoc());
console.log(`wrote ${file}`);
