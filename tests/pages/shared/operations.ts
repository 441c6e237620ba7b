import { createHash } from 'node:crypto';
import { readdirSync, readFileSync } from 'node:fs';
import { join } from 'node:path';
import { ROOT } from '../../support/launch';

/** A page's operations: the files of pages/<page>/public/operations, each read by its name. */
export function pageOperations(page: string) {
  const folder = join(ROOT, 'pages', page, 'public', 'operations');
  const operation = (name: string) => readFileSync(join(folder, `${name}.graphql`), 'utf8');
  const names = () =>
    readdirSync(folder)
      .filter((f) => f.endsWith('.graphql'))
      .map((f) => f.slice(0, -'.graphql'.length));
  /** Those not registered by their exact text in gateway/trusted-documents.json (none, if all is well), and how many. */
  const unregistered = () => {
    const { documents } = JSON.parse(readFileSync(join(ROOT, 'gateway', 'trusted-documents.json'), 'utf8'));
    const all = names();
    const missing = all.filter((n) => !documents[createHash('sha256').update(operation(n)).digest('hex')]);
    return { count: all.length, missing };
  };
  return { folder, operation, unregistered };
}
