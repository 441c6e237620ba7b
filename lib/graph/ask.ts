import { CALLBACK_HEADER } from '../auth/callback';
import type { RequestContext } from '../context';
import { settings } from '../config/settings';
import { refuseWhileHoldingTransaction } from '../db/unit-of-work';
import { ErrorCode } from '../errors';
import { REQUEST_ID_HEADER } from '../observability/request-id';
import { GraphQLError } from 'graphql';

/** The gateway's URL as a department sees it (HUB_GATEWAY_URL; on one machine, the gateway's port). */
export function gatewayUrl(env: NodeJS.ProcessEnv = process.env): string {
  return settings(env).HUB_GATEWAY_URL;
}

export interface GraphAnswer<T> {
  data: T | null;
  errors: { message: string; path?: (string | number)[]; extensions?: { code?: string } }[];
}

/**
 * Asks the graph, through the gateway, as the caller this request serves (lib/auth/callback.ts): the owning
 * department applies the caller's own scope and rules, and audits the read under the caller's name and request id.
 * `document` must be one of the hub's registered documents. Only a mutation's request carries the capability.
 */
export async function askGraph<T>(ctx: Pick<RequestContext, 'callback' | 'requestId'>, document: string, variables: Record<string, unknown>): Promise<GraphAnswer<T>> {
  // only a change forwarded by the gateway carries the capability; a request made up at the subgraph has none
  // HTTP while a connection is held is how a department starves its pool: ask before the transaction opens
  refuseWhileHoldingTransaction('asking the graph back');
  if (!ctx.callback) throw new GraphQLError('this change must be sent through the gateway: it asks the graph back as you', { extensions: { code: ErrorCode.UNAUTHENTICATED } });
  const res = await fetch(gatewayUrl(), {
    method: 'POST',
    // the same request id: the asking back is logged and traced as part of the request it serves
    headers: { 'content-type': 'application/json', [CALLBACK_HEADER]: ctx.callback, [REQUEST_ID_HEADER]: ctx.requestId },
    body: JSON.stringify({ query: document, variables }),
    signal: AbortSignal.timeout(10_000),
  });
  const body = (await res.json()) as { data?: T | null; errors?: GraphAnswer<T>['errors'] };
  const failed = body.errors?.find((e) => !['NOT_FOUND', 'FORBIDDEN'].includes(e.extensions?.code ?? ''));
  if (failed) {
    if (failed.extensions?.code === ErrorCode.UNAUTHENTICATED) throw new GraphQLError(failed.message, { extensions: { code: ErrorCode.UNAUTHENTICATED } });
    throw new Error(`the graph could not answer: ${failed.message}`);
  }
  return { data: body.data ?? null, errors: body.errors ?? [] };
}
