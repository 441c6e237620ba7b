import { GraphQLInt, GraphQLList, GraphQLNonNull, GraphQLObjectType, GraphQLString } from 'graphql';
import { identityFromClaims } from '../../lib/auth/identity';
import { emptyValue, ownEntry } from '../../lib/auth/resident';

const id = '81a7be91-61ae-8b0d-ad6a-d152c5355e11';
const household = 'd5f3bba4-3c82-8ad8-9d87-3429ff3c25ce';
const claims = { sub: `resident-${id}`, department: 'RESIDENT', role: 'RESIDENT', scope: [] };

describe('a resident as a caller', () => {
  it('reads a resident token: the register id it names, nothing confirmed yet', () => {
    expect(identityFromClaims({ ...claims, resident: id.toUpperCase() })).toEqual({
      subject: `resident-${id}`,
      name: `resident-${id}`,
      department: 'RESIDENT',
      role: 'RESIDENT',
      scope: [],
      resident: { id, idNumberHash: undefined, householdId: null, confirmed: false },
    });
  });

  it('refuses a resident token with regions in its scope, or naming no one', () => {
    expect(() => identityFromClaims({ ...claims, resident: id, scope: [household] })).toThrow(/scope must be empty/);
    expect(() => identityFromClaims(claims)).toThrow(/must name the resident/);
    expect(() => identityFromClaims({ ...claims, resident: 'someone' })).toThrow(/must name the resident/);
  });

  it('takes only the register entry and household the gateway confirmed as theirs', () => {
    const confirmed = identityFromClaims({ ...claims, resident: { id, householdId: household, confirmed: true } });
    const unconfirmed = identityFromClaims({ ...claims, resident: id });
    expect([
      ownEntry(confirmed, 'Resident', { id }),
      ownEntry(confirmed, 'Resident', { id: household }),
      ownEntry(confirmed, 'Household', { id: household }),
      ownEntry(unconfirmed, 'Resident', { id }),
      ownEntry(confirmed, 'AssistanceCase', { id }),
    ]).toEqual([true, false, true, false, undefined]);
  });

  it('answers a field it refuses with what an empty one holds', () => {
    const Page = new GraphQLObjectType({
      name: 'ThingConnection',
      fields: {
        nodes: { type: new GraphQLNonNull(new GraphQLList(GraphQLString)) },
        totalCount: { type: new GraphQLNonNull(GraphQLInt) },
        endCursor: { type: GraphQLString },
      },
    });
    expect([
      emptyValue(GraphQLString),
      emptyValue(new GraphQLNonNull(new GraphQLList(GraphQLString))),
      emptyValue(new GraphQLNonNull(Page)),
    ]).toEqual([null, [], { nodes: [], totalCount: 0, endCursor: null }]);
  });
});
