import type { ApolloServerPlugin, BaseContext } from '@apollo/server';
import Negotiator from 'negotiator';

const JSON_TYPE = 'application/json';
const GRAPHQL_RESPONSE_TYPE = 'application/graphql-response+json';

/**
 * GraphQL over HTTP: an answer in `application/graphql-response+json` says a parse, validation or variable-coercion
 * failure with 400; one in plain `application/json` (a client that accepts nothing newer) is a well-formed GraphQL
 * response and says it with 200, the errors being in the body. Apollo Server 5 picks the media type by the same
 * negotiation (the client's Accept, application/json first) but answers 400 either way.
 */
export function graphqlOverHttpStatusPlugin<Context extends BaseContext>(): ApolloServerPlugin<Context> {
  return {
    async requestDidStart() {
      return {
        async willSendResponse({ request, response }) {
          if (response.http.status !== 400 || response.body.kind !== 'single') return;
          if (answersWithPlainJson(request.http?.headers.get('accept'))) response.http.status = 200;
        },
      };
    },
  };
}

function answersWithPlainJson(accept: string | undefined): boolean {
  if (!accept) return true;
  return new Negotiator({ headers: { accept } }).mediaType([JSON_TYPE, GRAPHQL_RESPONSE_TYPE]) === JSON_TYPE;
}
