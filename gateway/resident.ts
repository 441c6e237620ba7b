import type { IdentityForwarder } from '../lib/auth/forwarded';
import { type Identity, type ResidentClaim, unauthenticated } from '../lib/auth/identity';
import { askAsCaller } from './ask-as-caller';
import { departmentUnavailable } from '../lib/errors';
import { GraphQLError } from 'graphql';

/** How long the gateway keeps a resident's register entry (a move to another household shows within a minute). */
const TTL_MS = 60_000;
const MAX_ENTRIES = 10_000;

/** Population could not say who the resident is: an outage (503), as when grid cannot resolve an official's scope. */
function unavailable(error: unknown): never {
  const reason = error instanceof Error ? error.message : String(error);
  const { message, extensions } = departmentUnavailable('population', `who you are cannot be looked up: ${reason}`);
  throw new GraphQLError(message, { extensions: { ...extensions, http: { status: 503 } } });
}

interface Found {
  id: string;
  householdId: string | null;
}

/**
 * A resident's token names a person (a register id, or the keyed hash of an ID number); which register entry and
 * household that is, population says. The gateway asks it once per person and keeps the answer for a minute, then
 * signs it into the identity it forwards (`resident.confirmed`), which is what every department decides by.
 */
export class ResidentLookup {
  private cache = new Map<string, { at: number; found: Promise<Found | null> }>();

  constructor(private readonly forwarder: IdentityForwarder) {}

  async confirm(identity: Identity, requestId: string): Promise<Identity> {
    const claim = identity.resident ?? {};
    const cacheKey = claim.id ? `id:${claim.id}` : `hash:${claim.idNumberHash}`;
    let hit = this.cache.get(cacheKey);
    if (!hit || Date.now() - hit.at >= TTL_MS) {
      if (this.cache.size >= MAX_ENTRIES) this.cache.delete(this.cache.keys().next().value!);
      hit = { at: Date.now(), found: this.lookUp(identity, requestId).catch(unavailable) };
      this.cache.set(cacheKey, hit);
      const entry = hit;
      entry.found.catch(() => this.cache.get(cacheKey) === entry && this.cache.delete(cacheKey));
    }
    const found = await hit.found;
    if (!found)
      throw unauthenticated(
        claim.id
          ? 'your token names no one on the register: sign in again'
          : 'no one on the register has the ID number your token names: ask the registry (户籍窗口) to check your entry, then sign in again',
      );
    const resident: ResidentClaim = { id: found.id, householdId: found.householdId, confirmed: true };
    return { ...identity, resident };
  }

  private async lookUp(identity: Identity, requestId: string): Promise<Found | null> {
    // asked as the resident, not yet confirmed: population answers only the register entry the token names
    const answer = await askAsCaller<{ me: Found | null }>(this.forwarder, identity, {
      department: 'population',
      operationName: 'ResidentSignIn',
      purpose: 'resolve the resident',
      requestId,
      query: 'query ResidentSignIn { me { id householdId } }',
    });
    if (answer.data?.me) return answer.data.me;
    if (answer.errors?.every((e) => e.extensions?.code === 'NOT_FOUND')) return null;
    throw new Error(`population could not say who the resident is: ${answer.errors?.map((e) => e.message).join('; ')}`);
  }
}
