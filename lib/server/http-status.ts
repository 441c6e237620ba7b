import type { ApolloServerPlugin, BaseContext } from '@apollo/server';
import Negotiator from 'negotiator';
import { ErrorCode, isClientError, OVERLOAD_RETRY_AFTER_SECONDS } from '../errors';

const JSON_TYPE = 'application/json';
const GRAPHQL_RESPONSE_TYPE = 'application/graphql-response+json';

/**
 * The HTTP status of a GraphQL answer.
 * - An answer whose every error is the client's (a code of lib/errors.ts's client set) is never a 5xx: 400. (Apollo
 *   Gateway fails an unknown operationName, for one, with a 500.)
 * - GraphQL over HTTP: an answer in `application/graphql-response+json` says a
 *   parse, validation or variable-coercion failure with 400; one in plain `application/json` (a client that accepts
 *   nothing newer) is a well-formed GraphQL response and says it with 200, the errors being in the body. Apollo
 *   Server 5 picks the media type by the same negotiation (the client's Accept, application/json first) but answers
 *   400 either way. (The gateway asks subgraphs in application/json: a subgraph's request error then reaches it as
 *   a GraphQL answer whose codes it passes on, not as an HTTP failure it can only call internal.)
 */
export function httpStatusPlugin<Context extends BaseContext>(
  options: { overloadIs503?: boolean } = {},
): ApolloServerPlugin<Context> {
  return {
    async requestDidStart() {
      return {
        async willSendResponse({ request, response }) {
          if (response.body.kind !== 'single') return;
          const status = response.http.status ?? 200;
          const errors = response.body.singleResult.errors;
          // - At the gateway, an answer with no data because a department was too busy is HTTP 503 with Retry-After: a
          //   client (or its HTTP library) retries it as it would any overloaded server. Subgraphs answer it in the body
          //   with 200, so the gateway reads their code rather than a failed fetch.
          if (
            options.overloadIs503 &&
            errors?.some((e) => e.extensions?.code === ErrorCode.OVERLOADED) &&
            isEmpty(response.body.singleResult.data)
          ) {
            response.http.status = 503;
            response.http.headers.set('retry-after', String(OVERLOAD_RETRY_AFTER_SECONDS));
            return;
          }
          if (status >= 500 && errors?.length && errors.every((e) => isClientError(e.extensions?.code)))
            response.http.status = 400;
          if (response.http.status === 400 && answersWithPlainJson(request.http?.headers.get('accept')))
            response.http.status = 200;
        },
      };
    },
  };
}

/** No data at all: null, or an object whose every root field is null. */
const isEmpty = (data: unknown) =>
  data == null || Object.values(data as Record<string, unknown>).every((v) => v == null);

function answersWithPlainJson(accept: string | undefined): boolean {
  if (!accept) return true;
  return new Negotiator({ headers: { accept } }).mediaType([JSON_TYPE, GRAPHQL_RESPONSE_TYPE]) === JSON_TYPE;
}
