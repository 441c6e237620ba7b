import { createHash } from 'node:crypto';
import { existsSync, readFileSync } from 'node:fs';
import type { ApolloServerPlugin } from '@apollo/server';
import { GraphQLError } from 'graphql';
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
}

export const sha256 = (text: string) => createHash('sha256').update(text).digest('hex');

export function loadTrustedDocuments(path: string): TrustedDocuments {
  if (!existsSync(path)) return { clients: {}, documents: {} };
  const manifest = JSON.parse(readFileSync(path, 'utf8')) as TrustedDocuments;
  for (const [hash, text] of Object.entries(manifest.documents)) {
    if (sha256(text) !== hash) throw new Error(`${path}: the document registered as ${hash} has another hash (${sha256(text)})`);
  }
  return manifest;
}

/** The registered documents, as Apollo Server's persisted-query cache entries. */
export function persistedQueryEntries(manifest: TrustedDocuments): [string, string][] {
  return Object.entries(manifest.documents).map(([hash, text]) => [`apq:${hash}`, text]);
}

export function trustedDocumentsPlugin(manifest: TrustedDocuments): ApolloServerPlugin<GatewayContext> {
  return {
    async requestDidStart({ contextValue }) {
      const client = contextValue.identity ? manifest.clients[contextValue.identity.subject] : undefined;
      // a department asking the graph back for its caller runs the hub's registered documents only
      const who = contextValue.callbackFrom ? `a call back from ${contextValue.callbackFrom}` : contextValue.identity?.subject;
      if (!client?.trustedOnly && !contextValue.callbackFrom) return;
      return {
        async didResolveOperation({ source }) {
          if (!manifest.documents[sha256(source)]) {
            throw new GraphQLError(`${who} may run only ${contextValue.callbackFrom ? 'the hub’s' : 'its'} registered operations; this document is not one of them`, {
              extensions: { code: 'TRUSTED_DOCUMENT_REQUIRED', http: { status: 400 } },
            });
          }
        },
      };
    },
  };
}
