import { CALLBACK_HEADER } from '../auth/callback';
import type { RequestContext } from '../context';
import { settings } from '../config/settings';
import { refuseWhileHoldingTransaction } from '../writes/unit-of-work';
import { ErrorCode, OVERLOAD_RETRY_AFTER_SECONDS } from '../errors';
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
 * How long a change waits for the graph to answer what it asks before it opens its transaction: the request's time less
 * two seconds for its own work (the gateway gives a change that asks back the whole request's time).
 */
const askTimeoutMs = () => Math.max(1000, settings().HUB_REQUEST_TIMEOUT_MS - 2000);

/** What the change needed to know could not be asked now: nothing was done, and the same call may be sent again. */
function retryable(reason: string, code: string = ErrorCode.OVERLOADED): GraphQLError {
  return new GraphQLError(
    `this change first asks another department, which did not answer: ${reason}; nothing was done, send it again in ${OVERLOAD_RETRY_AFTER_SECONDS} s`,
    {
      extensions: { code, retryAfterSeconds: OVERLOAD_RETRY_AFTER_SECONDS },
    },
  );
}

/** Sends a registered document to the gateway as the caller; a transport failure is a retryable refusal. */
async function postToGraph<T>(
  ctx: Pick<RequestContext, 'callback' | 'requestId'>,
  document: string,
  variables: Record<string, unknown>,
): Promise<{ data?: T | null; errors?: GraphAnswer<T>['errors'] }> {
  // only a change forwarded by the gateway carries the capability; a request made up at the subgraph has none
  // HTTP while a connection is held is how a department starves its pool: ask before the transaction opens
  refuseWhileHoldingTransaction('asking the graph back');
  if (!ctx.callback)
    throw new GraphQLError('this change must be sent through the gateway: it asks the graph back as you', {
      extensions: { code: ErrorCode.UNAUTHENTICATED },
    });
  try {
    const res = await fetch(gatewayUrl(), {
      method: 'POST',
      // the same request id: the asking back is logged and traced as part of the request it serves
      headers: {
        'content-type': 'application/json',
        [CALLBACK_HEADER]: ctx.callback,
        [REQUEST_ID_HEADER]: ctx.requestId,
      },
      body: JSON.stringify({ query: document, variables }),
      signal: AbortSignal.timeout(askTimeoutMs()),
    });
    return (await res.json()) as { data?: T | null; errors?: GraphAnswer<T>['errors'] };
  } catch (error) {
    // nothing is written before the graph has answered: the change can be sent again as it was
    throw retryable(`the graph did not answer (${error instanceof Error ? error.message : String(error)})`);
  }
}

/** An error of the whole request (no path: the capability refused, the gateway busy) refuses the caller's change. */
function refusedWhole(errors: GraphAnswer<unknown>['errors'] | undefined): void {
  const whole = errors?.find((e) => !e.path?.length);
  if (!whole) return;
  const code = whole.extensions?.code;
  if (code === ErrorCode.UNAUTHENTICATED)
    throw new GraphQLError(whole.message, { extensions: { code: ErrorCode.UNAUTHENTICATED } });
  if (code === ErrorCode.OVERLOADED || code === ErrorCode.DEPARTMENT_UNAVAILABLE) throw retryable(whole.message, code);
  throw new Error(`the graph could not answer: ${whole.message}`);
}

/**
 * Asks the graph, through the gateway, as the caller this request serves (lib/auth/callback.ts): the owning
 * department applies the caller's own scope and rules, and audits the read under the caller's name and request id.
 * `document` must be one of the hub's registered documents. Only a mutation's request carries the capability.
 */
export async function askGraph<T>(
  ctx: Pick<RequestContext, 'callback' | 'requestId'>,
  document: string,
  variables: Record<string, unknown>,
): Promise<GraphAnswer<T>> {
  const body = await postToGraph<T>(ctx, document, variables);
  const failed = body.errors?.find((e) => !['NOT_FOUND', 'FORBIDDEN'].includes(e.extensions?.code ?? ''));
  if (failed) {
    const code = failed.extensions?.code;
    if (code === ErrorCode.UNAUTHENTICATED)
      throw new GraphQLError(failed.message, { extensions: { code: ErrorCode.UNAUTHENTICATED } });
    // the department asked is busy or down: the caller's change waits for it, and says so
    if (code === ErrorCode.OVERLOADED || code === ErrorCode.DEPARTMENT_UNAVAILABLE)
      throw retryable(failed.message, code);
    throw new Error(`the graph could not answer: ${failed.message}`);
  }
  return { data: body.data ?? null, errors: body.errors ?? [] };
}

/**
 * Sends a registered mutation whose root fields are parts for several departments (grid's visit hands each owner its
 * part): every error is returned with its path for the caller to say per part what became of it; only a refusal of the
 * whole request, or no answer at all, is thrown.
 */
export async function askGraphForParts<T>(
  ctx: Pick<RequestContext, 'callback' | 'requestId'>,
  document: string,
  variables: Record<string, unknown>,
): Promise<GraphAnswer<T>> {
  const body = await postToGraph<T>(ctx, document, variables);
  refusedWhole(body.errors);
  return { data: body.data ?? null, errors: body.errors ?? [] };
}
