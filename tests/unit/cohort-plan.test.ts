import { type Ask, type AskOptions, estimatingOnce, evaluate, type Section } from '../../gateway/cohort/plan';

/** Each section's matches, answered the way a department answers its part: within the candidates when given. */
const MATCHES: Record<string, string[]> = {
  population: ['a', 'b', 'c', 'd', 'e', 'f'],
  civilAffairs: ['b', 'c', 'x'],
  publicSecurity: ['c', 'd', 'e', 'f', 'y', 'z'],
};
const ROLES = { places: {}, residents: 'population' };

interface Asked {
  section: string;
  estimateOnly: boolean;
  candidates: string[] | null;
}

/** A department's answers over the sets above, and the list of what the planner asked, in order. */
function departments() {
  const asked: Asked[] = [];
  const ask: Ask = async (section: string, _where: Section, options: AskOptions) => {
    const candidates = options.candidates ? [...options.candidates].sort() : null;
    asked.push({ section, estimateOnly: !!options.estimateOnly, candidates });
    const keys = MATCHES[section].filter((k) => !candidates || candidates.includes(k));
    return { estimate: keys.length, keys: options.estimateOnly ? [] : keys };
  };
  return { ask, asked };
}

describe('the cohort planner (gateway/cohort/plan.ts)', () => {
  it('asks a single positive section for its keys without estimating it, then the negated one within them', async () => {
    const { ask, asked } = departments();
    const found = await evaluate({ population: {}, civilAffairs: { not: true } }, null, ask, ROLES);
    expect([...found].sort()).toEqual(['a', 'd', 'e', 'f']);
    expect(asked).toEqual([
      { section: 'population', estimateOnly: false, candidates: null },
      { section: 'civilAffairs', estimateOnly: false, candidates: ['a', 'b', 'c', 'd', 'e', 'f'] },
    ]);
  });

  it('estimates several positive sections and asks the most selective first, the next within its keys', async () => {
    const { ask, asked } = departments();
    const found = await evaluate({ population: {}, civilAffairs: {} }, null, ask, ROLES);
    expect([...found].sort()).toEqual(['b', 'c']);
    expect(asked).toEqual([
      { section: 'population', estimateOnly: true, candidates: null },
      { section: 'civilAffairs', estimateOnly: true, candidates: null },
      { section: 'civilAffairs', estimateOnly: false, candidates: null },
      { section: 'population', estimateOnly: false, candidates: ['b', 'c', 'x'] },
    ]);
  });

  it('asks each section’s whole-district estimate once per search, and everything else every time', async () => {
    const { ask, asked } = departments();
    const once = estimatingOnce(ask);
    const where = { minAge: 80 };
    const answers = await Promise.all([
      once('population', where, { estimateOnly: true }),
      once('population', { minAge: 80 }, { estimateOnly: true }),
      once('population', { minAge: 81 }, { estimateOnly: true }),
      once('population', where, { estimateOnly: true, candidates: new Set(['a']) }),
      once('population', where, { estimateOnly: true, candidates: new Set(['a']) }),
      once('population', where, {}),
      once('population', where, {}),
    ]);
    expect(answers.map((a) => a.estimate)).toEqual([6, 6, 6, 1, 1, 6, 6]);
    expect(asked.map((a) => `${a.estimateOnly ? 'estimate' : 'keys'} ${a.candidates ?? 'all'}`)).toEqual([
      'estimate all',
      'estimate all',
      'estimate a',
      'estimate a',
      'keys all',
      'keys all',
    ]);
  });
});
