/**
 * How fast this machine is at the moment, as one number: the CPU milliseconds of a fixed workload like a subgraph's
 * (graphql-js parsing, validating and executing a document over a list, then JSON), the median of five. The bench's
 * ratios compare sides measured in the same minutes; its absolute figures (CPU ms per request, p50 in ms) do not
 * travel between runs when the machine itself is slower one day than another: with the same code, Resident 360 took
 * 18 ms of CPU in one run and 29–38 ms in later ones (docs/performance.md). A run's figures are comparable with
 * another's when their references are.
 */
import { buildSchema, execute, parse, validate } from 'graphql';

const SCHEMA = buildSchema(`
  type Resident { id: ID! name: String! birthDate: String! household: Household! tags: [String!]! }
  type Household { id: ID! room: String! members: Int! }
  type Query { residents(first: Int!): [Resident!]! }
`);
const DOCUMENT = `query Roster($first: Int!) {
  residents(first: $first) { id name birthDate tags household { id room members } }
}`;
const ITEMS = 500;
const REPEAT = 20;

const rootValue = {
  residents: ({ first }: { first: number }) =>
    Array.from({ length: first }, (_, i) => ({
      id: `0000000${i}`.slice(-8),
      name: `居民${i}`,
      birthDate: `19${50 + (i % 50)}-0${1 + (i % 9)}-1${i % 10}`,
      household: { id: `h${i >> 2}`, room: `${1 + (i % 30)}0${1 + (i % 4)}`, members: 1 + (i % 5) },
      tags: i % 3 ? ['ACTIVE'] : ['ACTIVE', 'ELDERLY'],
    })),
};

function workload(): number {
  let bytes = 0;
  for (let i = 0; i < REPEAT; i++) {
    const document = parse(DOCUMENT);
    if (validate(SCHEMA, document).length) throw new Error('the reference document does not validate');
    const result = execute({ schema: SCHEMA, document, rootValue, variableValues: { first: ITEMS } });
    bytes += JSON.stringify(result).length;
  }
  return bytes;
}

const cpuMs = (since: NodeJS.CpuUsage) => {
  const used = process.cpuUsage(since);
  return (used.user + used.system) / 1000;
};

/** CPU milliseconds of the reference workload, the median of five runs after one warm-up. */
export function referenceCpuMs(): number {
  workload();
  const readings: number[] = [];
  for (let i = 0; i < 5; i++) {
    const start = process.cpuUsage();
    workload();
    readings.push(cpuMs(start));
  }
  readings.sort((a, b) => a - b);
  return Math.round(readings[2]);
}
