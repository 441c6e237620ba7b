import { createHash } from 'node:crypto';
import { existsSync, readFileSync } from 'node:fs';
import type { ApolloServerPlugin } from '@apollo/server';
import { InMemoryLRUCache, type KeyValueCache, type KeyValueCacheSetOptions } from '@apollo/utils.keyvaluecache';
import { GraphQLError } from 'graphql';
import { type AskBackDeclarations, askBackPolicy } from './ask-back';
import type { GatewayContext } from './context';

/**
 * Trusted (persisted) documents: the operations departmental systems registered, by SHA-256 of their text.
 * A client listed with `trustedOnly` may run only those; anyone may send just the hash of a registered document
 * (Apollo's persisted-query extension) instead of its text.
 */
export interface TrustedDocuments {
  /** token subjects (`sub`) of departmental systems and whether they are held to the list */
  clients: Record<string, { trustedOnly: boolean }>;
  /** sha256 hex → operation text */
  documents: Record<string, string>;
  /** which departments' mutations ask the graph back, with which of these documents (gateway/ask-back.ts) */
  askBack?: AskBackDeclarations;
}

export const sha256 = (text: string) => createHash('sha256').update(text).digest('hex');

/**
 * The configured policy, or a stop with the reason: a policy that silently loads as empty would let every system held
 * to its registered documents run anything, and leave departments no registered documents to ask back with.
 */
export function loadTrustedDocuments(path: string): TrustedDocuments {
  if (!existsSync(path))
    throw new Error(`the trusted documents file ${path} does not exist (HUB_TRUSTED_DOCUMENTS names another)`);
  let manifest: TrustedDocuments;
  try {
    manifest = JSON.parse(readFileSync(path, 'utf8')) as TrustedDocuments;
  } catch (error) {
    throw new Error(
      `the trusted documents file ${path} is not valid JSON: ${error instanceof Error ? error.message : error}`,
    );
  }
  if (typeof manifest?.clients !== 'object' || typeof manifest?.documents !== 'object')
    throw new Error(`the trusted documents file ${path} needs "clients" and "documents" objects`);
  for (const [hash, text] of Object.entries(manifest.documents)) {
    if (sha256(text) !== hash)
      throw new Error(`${path}: the document registered as ${hash} has another hash (${sha256(text)})`);
  }
  askBackPolicy(manifest.askBack, manifest.documents, path);
  return manifest;
}

/** Apollo Server's key for a persisted query (it prefixes the keys of the cache it is given). */
const apqKey = (hash: string) => `apq:${hash}`;

/** Anonymous registrations kept in development; beyond either bound the least recently used go. */
export const ANONYMOUS_DOCUMENTS = { max: 500, maxSize: 2 ** 20 };

/**
 * The persisted-query cache: registered documents are answered from a fixed map nothing can evict, and anonymous
 * registrations (automatic persisted queries, development only) go to a bounded cache of their own.
 */
class PersistedDocuments implements KeyValueCache<string> {
  private readonly registered: ReadonlyMap<string, string>;
  constructor(
    manifest: TrustedDocuments,
    private readonly anonymous: KeyValueCache<string> | null,
  ) {
    this.registered = new Map(Object.entries(manifest.documents).map(([hash, text]) => [apqKey(hash), text]));
  }

  async get(key: string) {
    return this.registered.get(key) ?? this.anonymous?.get(key);
  }

  async set(key: string, text: string, options?: KeyValueCacheSetOptions) {
    if (!this.registered.has(key)) await this.anonymous?.set(key, text, options);
  }

  async delete(key: string) {
    return !this.registered.has(key) && (await this.anonymous?.delete(key)) === true;
  }
}

/** Apollo Server's `persistedQueries` option. */
export function persistedQueries(manifest: TrustedDocuments, development: boolean) {
  return {
    cache: new PersistedDocuments(manifest, development ? new InMemoryLRUCache<string>(ANONYMOUS_DOCUMENTS) : null),
    ttl: null,
  };
}

/** Production registers no document a client sends with its hash: it says so, and Apollo Client then sends plain queries. */
export function anonymousRegistrationPlugin(
  manifest: TrustedDocuments,
  development: boolean,
): ApolloServerPlugin<GatewayContext> {
  return {
    async requestDidStart() {
      if (development) return;
      return {
        async didResolveOperation({ metrics, queryHash }) {
          if (!metrics.persistedQueryRegister || manifest.documents[queryHash]) return;
          throw new GraphQLError(
            'this gateway keeps no document a client registers: send the query without extensions.persistedQuery, or only the hash of a registered document',
            { extensions: { code: 'PERSISTED_QUERY_NOT_SUPPORTED', http: { status: 400 } } },
          );
        },
      };
    },
  };
}

export function trustedDocumentsPlugin(manifest: TrustedDocuments): ApolloServerPlugin<GatewayContext> {
  return {
    async requestDidStart({ contextValue }) {
      const client = contextValue.identity ? manifest.clients[contextValue.identity.subject] : undefined;
      // a department asking the graph back for its caller runs the hub's registered documents only
      const who = contextValue.callbackFrom
        ? `a call back from ${contextValue.callbackFrom}`
        : contextValue.identity?.subject;
      if (!client?.trustedOnly && !contextValue.callbackFrom) return;
      return {
        async didResolveOperation({ source }) {
          if (!manifest.documents[sha256(source)]) {
            throw new GraphQLError(
              `${who} may run only ${contextValue.callbackFrom ? 'the hub’s' : 'its'} registered operations; this document is not one of them`,
              {
                extensions: { code: 'TRUSTED_DOCUMENT_REQUIRED', http: { status: 400 } },
              },
            );
          }
        },
      };
    },
  };
}
