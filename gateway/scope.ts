import type { IdentityForwarder } from '../lib/auth/forwarded';
import { askAsCaller } from './ask-as-caller';
import type { Identity } from '../lib/auth/identity';
import { NO_SCOPE, type ResolvedScope } from '../lib/auth/scope';
import { departmentUnavailable } from '../lib/errors';
import { GraphQLError } from 'graphql';

const TTL_MS = 5 * 60_000;
/** How long past its TTL a scope is still served while grid cannot answer (the region tree changes rarely). */
const MAX_STALE_MS = 60 * 60_000;
const MAX_ENTRIES = 10_000;

interface Entry {
  at: number;
  /** the lookup under way (or done) */
  scope: Promise<ResolvedScope>;
  /** the last scope grid answered for this key, kept while a refresh is under way or failing */
  value?: ResolvedScope;
  refreshing?: boolean;
}

/**
 * Turns a token's region ids into a ResolvedScope by asking grid (the owner of the region tree), and keeps the
 * answer for five minutes per distinct scope so a busy client costs one lookup, not one per request.
 *
 * A caller's other departments must not wait on grid: once a scope is known, a request never waits for grid again —
 * past its five minutes the known scope is answered at once while grid is asked again in the background
 * (stale-while-revalidate), and while grid cannot answer it stays in use for up to an hour (stale-if-error). Only a
 * scope never seen (or older than that) waits for grid.
 */
export class ScopeResolver {
  private cache = new Map<string, Entry>();

  constructor(private readonly forwarder: IdentityForwarder) {}

  resolve(identity: Identity, requestId: string): Promise<ResolvedScope> {
    if (!identity.scope.length) return Promise.resolve(NO_SCOPE);
    const cacheKey = [...identity.scope].sort().join(',');
    const hit = this.cache.get(cacheKey);
    const age = hit ? Date.now() - hit.at : Infinity;
    if (hit && age < TTL_MS) return hit.scope;
    if (hit?.value && age < TTL_MS + MAX_STALE_MS) {
      this.refresh(cacheKey, hit, identity, requestId);
      return Promise.resolve(hit.value);
    }
    const scope = this.lookUp(identity, requestId).catch((error: unknown) => {
      // a scope never seen, and grid cannot say it: nothing can be answered inside it yet — an outage, not our bug
      const reason = error instanceof Error ? error.message : String(error);
      const { message, extensions } = departmentUnavailable('grid', `your data scope cannot be resolved: ${reason}`);
      throw new GraphQLError(message, { extensions: { ...extensions, http: { status: 503 } } });
    });
    if (this.cache.size >= MAX_ENTRIES) this.cache.delete(this.cache.keys().next().value!);
    const entry: Entry = { at: Date.now(), scope };
    this.cache.set(cacheKey, entry);
    scope.then(
      (value) => void (entry.value = value),
      () => this.cache.get(cacheKey) === entry && this.cache.delete(cacheKey),
    );
    return scope;
  }

  /** Asks grid again in the background; the known scope stays in use until grid answers. */
  private refresh(cacheKey: string, entry: Entry, identity: Identity, requestId: string): void {
    if (entry.refreshing) return;
    entry.refreshing = true;
    this.lookUp(identity, requestId).then(
      (value) => void this.cache.set(cacheKey, { at: Date.now(), scope: Promise.resolve(value), value }),
      // grid did not answer: ask again a few seconds later, not on every request meanwhile
      () => void setTimeout(() => (entry.refreshing = false), 5000).unref(),
    );
  }

  private async lookUp(identity: Identity, requestId: string): Promise<ResolvedScope> {
    // the lookup itself reads only the (non-personal) region tree
    const answer = await askAsCaller<{ dataScope: ResolvedScope }>(this.forwarder, identity, {
      department: 'grid',
      operationName: 'DataScope',
      purpose: 'resolve data scope',
      requestId,
      query: 'query DataScope($ids: [ID!]!) { dataScope(regionIds: $ids) { all codePrefixes buildingIds } }',
      variables: { ids: identity.scope },
    });
    if (!answer.data)
      throw new Error(`grid could not resolve the data scope: ${answer.errors?.map((e) => e.message).join('; ')}`);
    return answer.data.dataScope;
  }
}
