/**
 * npm run token -- --department CIVIL_AFFAIRS --role CASEWORKER --scope <regionId> [--scope <regionId>…]
 *                  [--name 张三] [--subject user-42] [--hours 8]
 * npm run token -- --resident <resident id>      (a resident's own token: `me`, docs/resident-view.md)
 * npm run token -- --resident --id-number <18 characters>   (the same, naming the person by ID number, as the
 *                  province's identity service does: the gateway matches its keyed hash on population's register)
 * Prints a development token signed with the hub's HS256 secret (HUB_JWT_SECRET, else .data/secrets.json).
 */
import { existsSync, readFileSync } from 'node:fs';
import { parseArgs } from 'node:util';
import { identityFromClaims, ORGANIZATIONS, ROLES } from '../lib/auth/identity';
import { secretsFile } from '../lib/auth/secrets';
import { settings } from '../lib/config/settings';
import { mintUserToken } from '../lib/auth/user-token';
import { parseIdNumber } from '../lib/codes/id-number';
import { embeddedOwnerUrl } from '../runner/cluster';
import { unknownRegions } from '../runner/first-screen';

/**
 * A token's scope decides which records its holder sees: without one, or with region ids grid does not know, every
 * answer would be empty (totalCount 0), so neither is minted.
 */
async function requireRegions(scope: string[], given: ReturnType<typeof settings>): Promise<void> {
  const hint = "the district's id is on npm start's first screen";
  if (!scope.length)
    throw new Error(
      `a token needs --scope <regionId> (the regions whose records its holder may see; ${hint}): without one every answer is empty`,
    );
  const grid = given.departments.grid;
  const external = grid.ownerUrl ?? grid.databaseUrl;
  const where = external ? { url: external } : embeddedOwnerUrl(given.HUB_DATA_DIR, 'grid');
  if ('reason' in where) throw new Error(`cannot check --scope against grid's region tree: ${where.reason}`);
  const found = await unknownRegions(where.url, scope);
  if ('reason' in found)
    throw new Error(
      `cannot check --scope against grid's region tree: its database did not answer (${found.reason}); is the hub running (npm start)?`,
    );
  if (found.unknown.length)
    throw new Error(
      `--scope names no region of grid's region tree: ${found.unknown.join(', ')} (${hint}); a token for it would see nothing`,
    );
}

async function main() {
  // `--resident` is a flag before `--id-number`, and names the register id otherwise
  const args = process.argv.slice(2);
  const flag = args.indexOf('--resident');
  if (flag >= 0 && args.includes('--id-number') && (args[flag + 1] ?? '--').startsWith('--')) args.splice(flag, 1);
  const { values } = parseArgs({
    args,
    options: {
      department: { type: 'string' },
      role: { type: 'string' },
      scope: { type: 'string', multiple: true, default: [] },
      name: { type: 'string' },
      subject: { type: 'string' },
      hours: { type: 'string', default: '8' },
      resident: { type: 'string' },
      'id-number': { type: 'string' },
    },
  });
  const idNumber = values['id-number'];
  if (values.resident || idNumber) {
    values.department = 'RESIDENT';
    values.role = 'RESIDENT';
  }
  if (!values.department || !values.role) {
    const roles = ORGANIZATIONS.map((d) => `  ${d}: ${ROLES[d].join(', ')}`).join('\n');
    throw new Error(
      `usage: npm run token -- --department <D> --role <R> --scope <regionId>\n${roles}\n  or: npm run token -- --resident <resident id>\n  or: npm run token -- --resident --id-number <18 characters>`,
    );
  }
  const scope = values.scope.flatMap((s) => s.split(',')).filter(Boolean);
  const given = settings();
  // a resident's token names a person, not regions
  const resident = values.resident || idNumber;
  const parsed = idNumber ? parseIdNumber(idNumber) : undefined;
  if (parsed && !parsed.ok) throw new Error(`--id-number ${parsed.reason}`);
  if (!resident) await requireRegions(scope, given);
  const identity = identityFromClaims({
    sub: values.subject ?? `dev-${values.department.toLowerCase()}-${values.role.toLowerCase()}`,
    name: values.name ?? `${values.department} ${values.role}`,
    department: values.department,
    role: values.role,
    scope,
    ...(resident
      ? {
          // the subject never carries the ID number: the identity service's subject is its own account id
          sub: values.subject ?? `resident-${values.resident ?? 'by-id-number'}`,
          name: values.name ?? '居民',
          // named by ID number, the token carries the number (claim id_number) and the gateway hashes it
          resident: values.resident ?? { idNumberHash: 'made by the gateway' },
        }
      : {}),
  });
  const file = secretsFile(given.HUB_DATA_DIR);
  const secret =
    given.HUB_JWT_SECRET ??
    (existsSync(file) ? (JSON.parse(readFileSync(file, 'utf8')) as { jwtSecret: string }).jwtSecret : undefined);
  if (!secret) throw new Error(`no secret yet: run 'npm start' once (it creates ${file}) or set HUB_JWT_SECRET`);
  console.log(await mintUserToken(identity, secret, { ttlSeconds: Number(values.hours) * 3600, idNumber }));
}

main().catch((error) => {
  console.error(error instanceof Error ? error.message : error);
  process.exit(1);
});
