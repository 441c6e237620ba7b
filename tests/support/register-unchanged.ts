/**
 * Before every hub file (jest.config.js `setupFilesAfterEnv`): the active register of the worker's shared hub is the
 * seed's, no resident more and none fewer. A file that leaves a resident of its own on the register puts them in every
 * later file's lists and counts, and which later file trips over them depends on the order and on which worker ran
 * what: in CI on 6 December a resident without a household, left by one file, broke the cohort test's oracle on one
 * machine and nowhere else. Checked here, the next file on that hub fails, whatever it is, and `collected_by` says
 * which file registered the resident (each file collects under a name of its own). Checked before a file rather than
 * after it: a file's own `afterAll` that takes its residents off runs after one declared here.
 */
import { ownerSql } from './hub';
import { onRegister, testWorld } from './world';

beforeAll(async () => {
  const seeded = new Set(
    testWorld()
      .residents.filter(onRegister)
      .map((r) => r.id),
  );
  const active = await ownerSql<{ id: string; name: string; collected_by: string | null }>(
    'population',
    "select id, name, collected_by from resident where status = 'ACTIVE' order by id",
  );
  const onIt = new Set(active.map((r) => r.id));
  const LEFT = 'residents an earlier file on this hub left on the register (collected_by names it)';
  const TAKEN = 'seeded residents an earlier file on this hub took off the register';
  expect({
    [LEFT]: active.filter((r) => !seeded.has(r.id)),
    [TAKEN]: [...seeded].filter((id) => !onIt.has(id)),
  }).toEqual({ [LEFT]: [], [TAKEN]: [] });
});
