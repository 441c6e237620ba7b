import { randomUUID } from 'node:crypto';
import { GraphQLError } from 'graphql';
import type { IdentityForwarder } from '../../lib/auth/forwarded';
import { forbidden } from '../../lib/auth/identity';
import { isResident } from '../../lib/auth/resident';
import { CORRECTING_DEPARTMENTS, correctionFields, departmentNamed } from '../../lib/corrections/names';
import { type Department, OWNER } from '../../lib/departments';
import { badInput, departmentUnavailable, ErrorCode } from '../../lib/errors';
import { askAsCaller } from '../ask-as-caller';
import type { DeskContext, DeskPart } from './part';
import { CORRECTIONS_SDL } from './sdl';

const FIELDS = `id trackingCode department fact label currentValue requestedValue reason status filedAt dueOn overdue
  decisionReason decidedAt`;

/** Asks a department as the resident; an outage is DEPARTMENT_UNAVAILABLE naming it, a refusal keeps its code. */
async function ask<T>(
  forwarder: IdentityForwarder,
  ctx: DeskContext,
  department: Department,
  operationName: string,
  query: string,
  variables?: object,
): Promise<T> {
  const answer = await askAsCaller<T>(forwarder, ctx.identity, {
    department,
    operationName,
    purpose: ctx.identity.purpose ?? 'resident desk',
    requestId: ctx.identity.requestId ?? randomUUID(),
    query,
    variables,
    // a department under load answers a write late rather than not at all; it is the gateway's limits that bound it
    timeoutMs: 30_000,
  }).catch((error: unknown) => {
    throw departmentUnavailable(OWNER[department], (error as Error)?.message ?? 'no answer');
  });
  const error = answer.errors?.[0];
  if (error) {
    const extensions = error.extensions ?? {};
    if (!extensions.code || extensions.code === ErrorCode.INTERNAL_SERVER_ERROR)
      throw departmentUnavailable(OWNER[department], error.message);
    throw new GraphQLError(error.message, { extensions });
  }
  return answer.data as T;
}

const ownOnly = (ctx: DeskContext, field: string) => {
  if (!isResident(ctx.identity) || !ctx.identity.resident?.confirmed)
    throw forbidden(`${field} is a resident’s own: sign in as the resident`);
};

/** Asks every department that takes corrections; one that is down is named in an error, the others answer. */
async function fromEach<T>(ctx: DeskContext, each: (department: Department) => Promise<T[]>): Promise<T[]> {
  const answers = await Promise.all(
    CORRECTING_DEPARTMENTS.map((d) =>
      each(d).catch((error: unknown) => {
        if (error instanceof GraphQLError && error.extensions.code === ErrorCode.DEPARTMENT_UNAVAILABLE) {
          ctx.errors.push(error);
          return [] as T[];
        }
        throw error;
      }),
    ),
  );
  return answers.flat();
}

/** The resident desk's corrections: one entry point routed to the owner's `<dept>FileCorrection` and friends. */
export function corrections(forwarder: IdentityForwarder): DeskPart {
  return { typeDefs: CORRECTIONS_SDL, resolvers: correctionResolvers(forwarder) };
}

function correctionResolvers(forwarder: IdentityForwarder) {
  return {
    Query: {
      correctableFacts: (_root: unknown, _args: unknown, ctx: DeskContext) =>
        fromEach(ctx, async (d) => {
          const field = correctionFields(d).facts;
          const data = await ask<Record<string, unknown[]>>(
            forwarder,
            ctx,
            d,
            'CorrectableFacts',
            `query CorrectableFacts { ${field} { department fact label } }`,
          );
          return data[field];
        }),
      async myCorrections(_root: unknown, _args: unknown, ctx: DeskContext) {
        ownOnly(ctx, 'myCorrections');
        const all = await fromEach(ctx, async (d) => {
          const field = correctionFields(d).own;
          const data = await ask<Record<string, { filedAt: string }[]>>(
            forwarder,
            ctx,
            d,
            'MyCorrections',
            `query MyCorrections { ${field} { ${FIELDS} } }`,
          );
          return data[field];
        });
        return all.sort((a, b) => Date.parse(b.filedAt) - Date.parse(a.filedAt));
      },
    },
    Mutation: {
      async requestCorrection(
        _root: unknown,
        { input }: { input: { department: string } & Record<string, unknown> },
        ctx: DeskContext,
      ) {
        ownOnly(ctx, 'requestCorrection');
        const department = departmentNamed(input.department);
        if (!department || !CORRECTING_DEPARTMENTS.includes(department))
          throw badInput(
            `department "${input.department}" takes no corrections here; ask one of ${CORRECTING_DEPARTMENTS.map((d) => OWNER[d]).join(', ')}`,
            'input.department',
          );
        const { department: _named, ...filing } = input;
        const field = correctionFields(department).file;
        const data = await ask<Record<string, unknown>>(
          forwarder,
          ctx,
          department,
          'RequestCorrection',
          `mutation RequestCorrection($input: FileCorrectionInput!) { ${field}(input: $input) { ${FIELDS} } }`,
          { input: filing },
        );
        return data[field];
      },
    },
  };
}
