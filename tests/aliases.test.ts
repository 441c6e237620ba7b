import { as, gridLeader } from './support/callers';
import { sqlStatementsDuring } from './support/hub';
import { testWorld, whereLives } from './support/world';

const leader = as(gridLeader);
const resident = testWorld().residents[0];
const { household, building, grid } = whereLives(resident);
const refused = (alias: string, field: string) =>
  `the alias "${alias}" for ${field} is refused: ${field.split('.')[0]} has a field of that name; choose an alias that is not a field name of ${field.split('.')[0]}`;

describe('aliases that take the name of another field of the same type', () => {
  beforeAll(() => leader.data('{ __typename }')); // the caller's scope is resolved (and cached) once

  it.each([
    ['a key, next to a field whose plan needs it', 'id: name grid { id }', refused('id', 'Resident.name')],
    ['a key, with a value of another type', 'id: age grid { id }', refused('id', 'Resident.age')],
    [
      'a key inside the representation a @requires sends',
      'household { building { id: address } } grid { id }',
      refused('id', 'Building.address'),
    ],
    ['a household key', 'household { id: room building { id } } grid { id }', refused('id', 'Household.room')],
    [
      'a building key, next to a field of another department',
      'household { building { id: name grid { id } } }',
      refused('id', 'Building.name'),
    ],
    [
      'a field of the @requires',
      'household { building: head { id } } grid { id }',
      refused('building', 'Household.head'),
    ],
    [
      'a name the planner reserves',
      '__typename: name',
      'the alias "__typename" for Resident.name is refused: an alias may not start with "__"; choose an alias that is not a field name of Resident',
    ],
  ])('refuses %s, before any department is asked', async (_what, selection, message) => {
    let res: Awaited<ReturnType<typeof leader.graphql>> | undefined;
    const statements = await sqlStatementsDuring(
      async () =>
        (res = await leader.graphql(`query($id: ID!) { resident(id: $id) { ${selection} } }`, { id: resident.id })),
    );
    expect(res).toEqual({
      status: 400,
      errors: [{ message, locations: [expect.any(Object)], extensions: { code: 'GRAPHQL_VALIDATION_FAILED' } }],
    });
    expect(Object.values(statements)).toEqual([0, 0, 0, 0]);
  });

  it('keeps ordinary aliases, and a field aliased to its own name, with the right values', async () => {
    const members = testWorld()
      .residents.filter((r) => r.householdId === household.id)
      .sort((a, b) => a.id.localeCompare(b.id));
    const res = await leader.graphql(
      `query($id: ID!, $household: ID!) {
        resident(id: $id) { a: name name: name household { b: room building { c: address grid { id } } } grid { g: name } }
        first: residents(first: 1, filter: { householdId: $household }) { total: totalCount nodes { id who: name } }
      }`,
      { id: resident.id, household: household.id },
    );
    expect(res).toEqual({
      status: 200,
      data: {
        resident: {
          a: resident.name,
          name: resident.name,
          household: { b: household.room, building: { c: building.address, grid: { id: grid.id } } },
          grid: { g: grid.name },
        },
        first: { total: members.length, nodes: [{ id: members[0].id, who: members[0].name }] },
      },
    });
  });
});
