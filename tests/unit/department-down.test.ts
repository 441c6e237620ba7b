import { onEntityFields } from '../../gateway/department-down';

const ENTITY_FETCH = {
  query: `query($representations: [_Any!]!) { _entities(representations: $representations) {
    ... on Resident { grid { id name } buildingCount: id } } }`,
};
const unavailable = (path: (string | number)[]) => ({
  message: 'grid is unavailable (its database: the database is shutting down or restarting)',
  path,
  extensions: { code: 'DEPARTMENT_UNAVAILABLE', department: 'grid' },
});

describe('a department that loses its database while resolving an entity', () => {
  it('has its error on each field the plan asked of it, as when it cannot be reached', () => {
    const answer = {
      data: { _entities: [null, { grid: { id: 'g', name: 'n' }, buildingCount: 'r' }] },
      errors: [unavailable(['_entities', 0])],
    };
    expect(onEntityFields(answer, ENTITY_FETCH, undefined)).toEqual({
      data: answer.data,
      errors: [unavailable(['_entities', 0, 'grid']), unavailable(['_entities', 0, 'buildingCount'])],
    });
  });

  it('has a failure before any entity was resolved on each field of each entity', () => {
    const request = { ...ENTITY_FETCH, variables: { representations: [{}, {}] } };
    const { path: _, ...pathless } = unavailable([]);
    expect(onEntityFields({ data: { _entities: null }, errors: [pathless] }, request, undefined).errors).toEqual([
      unavailable(['_entities', 0, 'grid']),
      unavailable(['_entities', 0, 'buildingCount']),
      unavailable(['_entities', 1, 'grid']),
      unavailable(['_entities', 1, 'buildingCount']),
    ]);
  });

  it('leaves every other answer as it came: errors on fields, other codes, and fetches of root fields', () => {
    const onField = { data: { _entities: [{ grid: null }] }, errors: [unavailable(['_entities', 0, 'grid'])] };
    expect(onEntityFields(onField, ENTITY_FETCH, undefined)).toBe(onField);
    const otherCode = {
      data: { _entities: [null] },
      errors: [{ message: 'no', path: ['_entities', 0], extensions: { code: 'FORBIDDEN' } }],
    };
    expect(onEntityFields(otherCode, ENTITY_FETCH, undefined)).toBe(otherCode);
    const rootFetch = { data: null, errors: [unavailable(['resident', 0])] };
    expect(onEntityFields(rootFetch, { query: '{ resident(id: "r") { id } }' }, undefined)).toBe(rootFetch);
    const full = { data: { _entities: [{ grid: null }] } };
    expect(onEntityFields(full, ENTITY_FETCH, undefined)).toBe(full);
  });
});
