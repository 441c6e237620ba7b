import type { ApolloServerPlugin } from '@apollo/server';
import { GraphQLError } from 'graphql';
import { RateLimiterMemory, RateLimiterRes } from 'rate-limiter-flexible';
import { unauthenticated } from '../lib/auth/identity';
import { settings } from '../lib/config/settings';
import { anonymousIdentity, closedToAnonymous } from '../lib/auth/public';
import { ErrorCode } from '../lib/errors';
import type { GatewayContext } from './context';

/** Public lookups a client (by IP address) may make per minute: enough for a person, far too few to enumerate codes. */
export const publicLookupsPerMinute = (env: NodeJS.ProcessEnv = process.env) => settings(env).HUB_PUBLIC_LOOKUPS_PER_MINUTE;

function rateLimited(retryAfterSeconds: number): GraphQLError {
  return new GraphQLError(`too many lookups from your address; try again in ${retryAfterSeconds} s`, {
    extensions: { code: ErrorCode.RATE_LIMITED, retryAfterSeconds, http: { status: 429, headers: new Map([['retry-after', String(retryAfterSeconds)]]) } },
  });
}

/**
 * Without a token, an operation may ask only for public root fields, `__typename` and (development) introspection,
 * and each client address only `publicLookupsPerMinute` times a minute (rate-limiter-flexible; every gateway replica
 * counts on its own).
 */
export function publicFieldsPlugin(development: boolean, perMinute = publicLookupsPerMinute()): ApolloServerPlugin<GatewayContext> {
  const limiter = new RateLimiterMemory({ points: perMinute, duration: 60 });
  return {
    async requestDidStart() {
      return {
        async didResolveOperation({ contextValue, document, operation }) {
          if (contextValue.identity || !operation) return;
          const isIntrospection = (name: string) => development && (name === '__schema' || name === '__type');
          const closed = closedToAnonymous(document, operation, isIntrospection);
          if (closed.length) throw unauthenticated(`sign in first: send Authorization: Bearer <token> to ask for ${closed.join(', ')}`);
          try {
            await limiter.consume(contextValue.clientIp ?? 'unknown');
          } catch (refusal) {
            if (refusal instanceof RateLimiterRes) throw rateLimited(Math.max(1, Math.ceil(refusal.msBeforeNext / 1000)));
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
