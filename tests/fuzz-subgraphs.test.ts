import { readFileSync } from 'node:fs';
import { join } from 'node:path';
import { buildSubgraphSchema } from '@apollo/subgraph';
import { parse } from 'graphql';
import { type ForwardedIdentity, IDENTITY_HEADER, IdentityForwarder } from '../lib/auth/forwarded';
import type { HubSecrets } from '../lib/auth/secrets';
import { PLANNER } from '../lib/cohort/names';
import { districtId } from './support/callers';
import {
  badOperation,
  brokenRequests,
  Dice,
  defects,
  entityTypes,
  rootFields,
  rowsOfEveryTable,
  sendAll,
} from './support/fuzz';
import { hub } from './support/hub';
import { ROOT } from './support/launch';
import { testWorld } from './support/world';

/**
 * The same kinds of bad requests, straight to each department's subgraph and to the cohort planner, generated from
 * each one's own SDL (schema/<name>.graphql, with `_entities` and the fields the gateway hides): without an identity
 * (UNAUTHENTICATED), and with one the gateway would have signed for that very body, so that the arguments reach the
 * resolvers.
 */
const PER_FIELD = 40;
const BROKEN = 60;

const identities: Omit<ForwardedIdentity, 'requestId' | 'operationName'>[] = [
  ['GRID', 'GRID_LEADER'],
  ['POPULATION', 'REGISTRAR'],
  ['CIVIL_AFFAIRS', 'CASEWORKER'],
  ['PUBLIC_SECURITY', 'OFFICER'],
].map(([department, role]) => ({
  subject: `fuzz-direct-${role.toLowerCase()}`,
  name: 'fuzz',
  department: department as ForwardedIdentity['department'],
  role,
  scope: [districtId()],
  resolvedScope: { all: true, codePrefixes: [], buildingIds: [] },
  purpose: 'fuzz',
}));

describe('each subgraph, fuzzed from its own schema', () => {
  const services = () => ({
    ...hub().subgraphUrls,
    [PLANNER]: hub().gatewayUrl.replace(/\/graphql$/, `/subgraphs/${PLANNER}/graphql`),
  });

  it('answers every malformed request with a 4xx or a GraphQL error, never a 5xx or an internal detail, and writes nothing', async () => {
    const { gatewayPrivateKey } = JSON.parse(readFileSync(hub().secretsFile, 'utf8')) as HubSecrets;
    const forwarder = await IdentityForwarder.fromPrivateJwk(gatewayPrivateKey);
    const world = testWorld();
    const knownIds = [districtId(), world.residents[1].id, world.households[1].id, world.buildings[1].id];
    const dice = new Dice(1414);
    const before = await rowsOfEveryTable();
    let sent = 0;
    const found: ReturnType<typeof defects> = [];

    for (const [name, url] of Object.entries(services())) {
      const schema = buildSubgraphSchema(parse(readFileSync(join(ROOT, 'schema', `${name}.graphql`), 'utf8')));
      const options = { knownIds, entityTypes: entityTypes(schema) };
      const fields = rootFields(schema, { includeInaccessible: true });
      const requests = [];
      for (const { root, field } of fields) {
        for (let i = 0; i < PER_FIELD; i++) {
          const op = badOperation(root, field, dice, options);
          const body = JSON.stringify(op.body);
          const headers: Record<string, string> = { 'content-type': 'application/json' };
          if (dice.chance(0.8)) {
            const identity = { ...dice.pick(identities), requestId: dice.uuid(), operationName: 'Fuzz' };
            headers[IDENTITY_HEADER] = await forwarder.header(identity, { recipient: name, body });
          }
          requests.push({ name: `${name} ${op.field}`, init: { method: 'POST', headers, body } });
        }
      }
      requests.push(...brokenRequests(dice, BROKEN).map((r) => ({ ...r, name: `${name} ${r.name}` })));
      const answers = await sendAll(url, requests);
      sent += answers.length;
      found.push(...defects(answers));
      expect(fields.some(({ field }) => field.name === '_entities')).toBe(true);
    }

    expect(found).toEqual([]);
    expect(await rowsOfEveryTable()).toEqual(before);
    expect(sent).toBeGreaterThanOrEqual(1500);
  });
});
