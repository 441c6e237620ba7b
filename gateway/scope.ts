import { type ForwardedIdentity, IDENTITY_HEADER, type IdentityForwarder } from '../lib/auth/forwarded';
import type { Identity } from '../lib/auth/identity';
import { NO_SCOPE, type ResolvedScope } from '../lib/auth/scope';
import { subgraphUrl } from '../lib/config/settings';


const TTL_MS = 5 * 60_000;
const MAX_ENTRIES = 10_000;

/**
 * Turns a token's region ids into a ResolvedScope by asking grid (the owner of the region tree), and keeps the
 * answer for five minutes per distinct scope so a busy client costs one lookup, not one per request.
 */
export class ScopeResolver {
  private cache = new Map<string, { at: number; scope: Promise<ResolvedScope> }>();

  constructor(private readonly forwarder: IdentityForwarder) {}

  resolve(identity: Identity, requestId: string): Promise<ResolvedScope> {
    if (!identity.scope.length) return Promise.resolve(NO_SCOPE);
    const cacheKey = [...identity.scope].sort().join(',');
    const hit = this.cache.get(cacheKey);
    if (hit && Date.now() - hit.at < TTL_MS) return hit.scope;
    const scope = this.lookUp(identity, requestId);
    if (this.cache.size >= MAX_ENTRIES) this.cache.delete(this.cache.keys().next().value!);
    this.cache.set(cacheKey, { at: Date.now(), scope });
    scope.catch(() => this.cache.delete(cacheKey));
    return scope;
  }

  private async lookUp(identity: Identity, requestId: string): Promise<ResolvedScope> {
    // the lookup itself is made as the caller with an empty scope: it reads only the (non-personal) region tree
    const asking: ForwardedIdentity = { ...identity, resolvedScope: NO_SCOPE, purpose: 'resolve data scope', requestId, operationName: 'DataScope' };
    const body = JSON.stringify({
      query: 'query DataScope($ids: [ID!]!) { dataScope(regionIds: $ids) { all codePrefixes buildingIds } }',
      variables: { ids: identity.scope },
    });
    const res = await fetch(subgraphUrl('grid'), {
      method: 'POST',
      headers: { 'content-type': 'application/json', [IDENTITY_HEADER]: await this.forwarder.header(asking, { recipient: 'grid', body }) },
      body,
      signal: AbortSignal.timeout(5000),
    });
    const answer = (await res.json()) as { data?: { dataScope: ResolvedScope }; errors?: { message: string }[] };
    if (!answer.data) throw new Error(`grid could not resolve the data scope: ${answer.errors?.map((e) => e.message).join('; ')}`);
    return answer.data.dataScope;
  }
}
