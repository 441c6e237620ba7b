import type { ApolloServerPlugin } from '@apollo/server';
import { GraphQLError } from 'graphql';
import { type RateLimiterAbstract, RateLimiterRes } from 'rate-limiter-flexible';
import { unauthenticated } from '../lib/auth/identity';
import { settings } from '../lib/config/settings';
import { anonymousIdentity, closedToAnonymous, PUBLIC_ROOT_FIELDS, rootFields } from '../lib/auth/public';
import { ErrorCode } from '../lib/errors';
import type { GatewayContext } from './context';

/** Public lookups a client (by IP address) may make per minute: enough for a person, far too few to enumerate codes. */
export const publicLookupsPerMinute = (env: NodeJS.ProcessEnv = process.env) =>
  settings(env).HUB_PUBLIC_LOOKUPS_PER_MINUTE;

function rateLimited(retryAfterSeconds: number): GraphQLError {
  return new GraphQLError(`too many lookups from your address; try again in ${retryAfterSeconds} s`, {
    extensions: {
      code: ErrorCode.RATE_LIMITED,
      retryAfterSeconds,
      http: { status: 429, headers: new Map([['retry-after', String(retryAfterSeconds)]]) },
    },
  });
}

function tooManyAtOnce(lookups: number, perMinute: number): GraphQLError {
  return new GraphQLError(
    `this request makes ${lookups} lookups; an address may make ${perMinute} a minute: ask for fewer at once`,
    {
      extensions: { code: ErrorCode.RATE_LIMITED, http: { status: 429 } },
    },
  );
}

/**
 * Without a token, an operation may ask only for public root fields, `__typename` and (development) introspection,
 * and each client address only `publicLookupsPerMinute` lookups a minute: every public root field counts, so thirty
 * aliased `serviceProgress` in one request are thirty lookups (rate-limiter-flexible, in the store every gateway
 * replica shares: gateway/shared-state.ts).
 */
export function publicFieldsPlugin(
  development: boolean,
  limiter: RateLimiterAbstract,
): ApolloServerPlugin<GatewayContext> {
  return {
    async requestDidStart() {
      return {
        async didResolveOperation({ contextValue, document, operation }) {
          if (contextValue.identity || !operation) return;
          const isIntrospection = (name: string) => development && (name === '__schema' || name === '__type');
          const closed = closedToAnonymous(document, operation, isIntrospection);
          if (closed.length)
            throw unauthenticated(`sign in first: send Authorization: Bearer <token> to ask for ${closed.join(', ')}`);
          const lookups = rootFields(document, operation).filter((name) => PUBLIC_ROOT_FIELDS.has(name)).length;
          if (lookups > limiter.points) throw tooManyAtOnce(lookups, limiter.points);
          try {
            if (lookups) await limiter.consume(contextValue.clientIp ?? 'unknown', lookups);
          } catch (refusal) {
            if (refusal instanceof RateLimiterRes)
              throw rateLimited(Math.max(1, Math.ceil(refusal.msBeforeNext / 1000)));
            throw refusal;
          }
          // departments answer a tokenless caller too, but only as the anonymous identity the gateway signs, and only
          // the public fields (lib/auth/public.ts)
          contextValue.forwarded = anonymousIdentity(contextValue.requestId, operation.name?.value ?? null);
        },
      };
    },
  };
}
