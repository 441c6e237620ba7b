import { readFileSync } from 'node:fs';
import { join } from 'node:path';
import { buildSchema } from 'graphql';
import { type Caller, caseworker, districtId, gridLeader, officer, registrar, tokenFor } from './support/callers';
import { badOperation, brokenRequests, Dice, defects, rootFields, rowsOfEveryTable, sendAll } from './support/fuzz';
import { GRAPHQL_RESPONSE_JSON, hub } from './support/hub';
import { ROOT } from './support/launch';
import { testWorld } from './support/world';

/**
 * Thousands of bad requests to the gateway, generated from the composed schema (schema/supergraph.graphql): every root
 * field a client can reach, with wrong arguments of every kind, plus requests broken before GraphQL. None may get a
 * 5xx or anything internal (a stack, a path, SQL, a library's error name), and none may write anything.
 */
const PER_FIELD = 60;
const BROKEN = 400;

const fuzzing = (caller: Caller): Caller => ({
  ...caller,
  subject: `fuzz-${caller.department}-${caller.role}`.toLowerCase(),
});
const callers = [gridLeader, registrar, caseworker, officer].map(fuzzing);

describe('the gateway, fuzzed from the schema', () => {
  it('answers every malformed request with a 4xx or a GraphQL error, never a 5xx or an internal detail, and writes nothing', async () => {
    const schema = buildSchema(readFileSync(join(ROOT, 'schema', 'supergraph.graphql'), 'utf8'));
    const world = testWorld();
    const knownIds = [
      districtId(),
      world.residents[0].id,
      world.households[0].id,
      world.buildings[0].id,
      world.regions[world.regions.length - 1].id,
    ];
    const dice = new Dice(14);
    const fields = rootFields(schema, { includeInaccessible: false });
    const headersOf = new Map(
      await Promise.all(
        callers.map(
          async (c) =>
            [
              c,
              { authorization: `Bearer ${await tokenFor(c)}`, 'x-purpose': encodeURIComponent(c.purpose ?? 'fuzz') },
            ] as const,
        ),
      ),
    );

    const operations = fields.flatMap(({ root, field }) =>
      Array.from({ length: PER_FIELD }, () => badOperation(root, field, dice, { knownIds })),
    );
    const requests = [
      ...operations.map((op) => ({
        name: op.field,
        init: {
          method: 'POST',
          headers: {
            'content-type': 'application/json',
            accept: dice.pick(['application/json', GRAPHQL_RESPONSE_JSON, '*/*']),
            ...headersOf.get(dice.pick(callers))!,
          },
          body: JSON.stringify(op.body),
        },
      })),
      ...brokenRequests(dice, BROKEN).map((r) => ({
        ...r,
        init: { ...r.init, headers: { ...(r.init.headers as Record<string, string>), ...headersOf.get(callers[0])! } },
      })),
    ];

    const before = await rowsOfEveryTable();
    const answers = await sendAll(hub().gatewayUrl, requests);
    expect(defects(answers)).toEqual([]);
    expect(await rowsOfEveryTable()).toEqual(before);
    // the schema reached: queries and mutations of every department, thousands of requests
    expect(fields.length).toBeGreaterThan(20);
    expect(answers).toHaveLength(fields.length * PER_FIELD + BROKEN);
  });
});
