import { createHmac } from 'node:crypto';
import { idNumberHash, idNumberKeyFor } from '../../lib/auth/id-number-key';
import { identityFromClaims } from '../../lib/auth/identity';
import { withIdNumberHashed } from '../../lib/auth/resident-token';

const key = Buffer.alloc(32, 7);
const number = '11010519491231002X';
const claims = { sub: 'oidc-42', department: 'RESIDENT', role: 'RESIDENT', scope: [] };

describe('a resident token naming the person by ID number', () => {
  it('carries on only the keyed hash of the number, as written or in lower case', () => {
    const hash = createHmac('sha256', key).update(number).digest('hex');
    const identity = identityFromClaims(withIdNumberHashed({ ...claims, id_number: number.toLowerCase() }, key));
    expect(identity).toEqual({
      subject: 'oidc-42',
      name: 'oidc-42',
      department: 'RESIDENT',
      role: 'RESIDENT',
      scope: [],
      resident: { id: undefined, idNumberHash: hash, householdId: null, confirmed: false },
    });
    expect(JSON.stringify(identity)).not.toContain(number.slice(0, 17));
    expect(idNumberHash(key, ` ${number} `)).toBe(hash);
  });

  it('leaves a token without the claim as it is, and refuses a claim that is no ID number or a hub without the key', () => {
    expect(withIdNumberHashed({ ...claims, resident: 'x' }, key)).toEqual({ ...claims, resident: 'x' });
    expect(() => withIdNumberHashed({ ...claims, id_number: '1234' }, key)).toThrow(/must be an ID number of 18/);
    expect(() => withIdNumberHashed({ ...claims, id_number: number }, undefined)).toThrow(/HUB_ID_NUMBER_KEY/);
  });

  it('derives one key from the gateway key, another from another', () => {
    const jwk = (d: string) => JSON.stringify({ d: Buffer.alloc(32, d).toString('base64url') });
    expect(idNumberKeyFor(jwk('a')).equals(idNumberKeyFor(jwk('a')))).toBe(true);
    expect(idNumberKeyFor(jwk('a')).equals(idNumberKeyFor(jwk('b')))).toBe(false);
  });
});
