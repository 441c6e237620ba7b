// Orders test files by a seed, so that no file can lean on what another file ran before it on the same hub.
// TEST_ORDER_SEED=<n> repeats an order; by default the seed is derived from the list of files, so CI is reproducible
// and the order changes when a file is added. Plain CommonJS: jest loads a sequencer without transforming it.
const { createHash } = require('node:crypto');
const { relative, resolve, sep } = require('node:path');
const Sequencer = require('@jest/test-sequencer').default;

const ROOT = resolve(__dirname, '..', '..');
const UNIT = `tests${sep}unit${sep}`;

/** mulberry32: a small seeded generator, enough to shuffle a list reproducibly */
function generator(seed) {
  let a = seed >>> 0;
  return () => {
    a = (a + 0x6d2b79f5) >>> 0;
    let t = a;
    t = Math.imul(t ^ (t >>> 15), t | 1);
    t ^= t + Math.imul(t ^ (t >>> 7), t | 61);
    return ((t ^ (t >>> 14)) >>> 0) / 4294967296;
  };
}

const name = (test) => relative(ROOT, test.path);

class SeededSequencer extends Sequencer {
  sort(tests) {
    const names = tests.map(name).sort();
    const given = process.env.TEST_ORDER_SEED;
    const seed = given ? Number(given) >>> 0 : createHash('sha256').update(names.join('\n')).digest().readUInt32BE(0);
    const random = generator(seed);
    const byName = [...tests].sort((a, b) => name(a).localeCompare(name(b)));
    for (let i = byName.length - 1; i > 0; i--) {
      const j = Math.floor(random() * (i + 1));
      [byName[i], byName[j]] = [byName[j], byName[i]];
    }
    // the global setup starts one hub per worker that can have a hub file to run, no more
    process.env.HUB_TEST_FILES = String(byName.filter((t) => !name(t).includes(UNIT)).length);
    process.stderr.write(
      `test files in seeded order: TEST_ORDER_SEED=${seed}${given ? ' (given)' : ' (from the file list)'}\n`,
    );
    return byName;
  }
}

module.exports = SeededSequencer;
