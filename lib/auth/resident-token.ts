import { idNumberHash } from './id-number-key';
import { unauthenticated } from './identity';

/** The claim of a resident token from the province's identity service that names the person: their ID number. */
export const ID_NUMBER_CLAIM = 'id_number';

/**
 * A verified token's claims with the ID number replaced by its keyed hash, before anything else (identity, logs,
 * the identity forwarded to population) sees them: `resident` then carries `idNumberHash` (beside a register id, if
 * the token names one too). The number itself is never put into an error message.
 */
export function withIdNumberHashed(claims: Record<string, unknown>, key: Buffer | undefined): Record<string, unknown> {
  const { [ID_NUMBER_CLAIM]: idNumber, ...rest } = claims;
  if (idNumber === undefined) return rest;
  if (typeof idNumber !== 'string' || !/^\s*\d{17}[\dXx]\s*$/.test(idNumber))
    throw unauthenticated(
      `the token's ${ID_NUMBER_CLAIM} must be an ID number of 18 characters (17 digits and a digit or X)`,
    );
  if (!key)
    throw unauthenticated(
      `this hub cannot sign in by ID number: HUB_ID_NUMBER_KEY is not set; sign in with a token naming the register id`,
    );
  const named = typeof rest.resident === 'string' ? { id: rest.resident } : (rest.resident ?? {});
  return { ...rest, resident: { ...(named as object), idNumberHash: idNumberHash(key, idNumber) } };
}
