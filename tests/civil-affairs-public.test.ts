import { randomUUID } from 'node:crypto';
/** The public progress lookup (办事进度查询): no token, the current step and its date only, hard to enumerate. */
import { formatInstant } from '../lib/calendar';
import { anonymousIdentity } from '../lib/auth/public';
import { newTrackingCode, readTrackingCode } from '../subgraphs/civil-affairs/tracking-code';
import { welfareRows } from '../subgraphs/civil-affairs/seed-welfare';
import { as, caseworker, tokenFor } from './support/callers';
import { askSubgraphAs, householdsWithoutCases } from './support/civil-affairs';
import { startExtraGateway } from './support/gateway';
import { Client } from 'pg';
import { graphql, hub } from './support/hub';
import { testWorld } from './support/world';

const PROGRESS = 'query Progress($code: String!) { serviceProgress(trackingCode: $code) { step since } }';
const NOT_FOUND = {
  message: 'no service application has this tracking code',
  path: ['serviceProgress'],
  extensions: { code: 'NOT_FOUND', serviceName: 'civil-affairs' },
};
const { applications } = welfareRows(testWorld());
const lookUp = (code: string, url?: string) => graphql(PROGRESS, { code }, { url });

describe('serviceProgress, without a token', () => {
  it('answers the current step and the date it was reached, and nothing else', async () => {
    const seeded = applications.find((a) => a.status === 'FORWARDED')!;
    expect(await lookUp(seeded.trackingCode.toLowerCase())).toEqual({
      status: 200,
      data: { serviceProgress: { step: 'FORWARDED', since: formatInstant(seeded.updatedAt) } },
    });
    // the type has no field that could say whose application it is
    const res = await graphql('query($code: String!) { serviceProgress(trackingCode: $code) { step since kind } }', {
      code: seeded.trackingCode,
    });
    expect(res.errors?.[0]).toMatchObject({
      message: 'Cannot query field "kind" on type "ServiceProgress".',
      extensions: { code: 'GRAPHQL_VALIDATION_FAILED' },
    });
  });

  it('follows an application a caseworker records and moves along', async () => {
    const [residentId] = householdsWithoutCases()[10].members;
    const submitted = (
      await as(caseworker).data(
        'mutation($input: SubmitServiceApplicationInput!) { submitServiceApplication(input: $input) { id status trackingCode } }',
        {
          input: { idempotencyKey: randomUUID(), residentId, kind: 'ELDERLY_CARE_CARD' },
        },
      )
    ).submitServiceApplication;
    expect(readTrackingCode(submitted.trackingCode)).toBe(submitted.trackingCode);
    expect((await lookUp(submitted.trackingCode)).data.serviceProgress.step).toBe('SUBMITTED');
    await as(caseworker).data(
      'mutation($id: ID!) { advanceServiceApplication(id: $id, input: { to: ACCEPTED }) { status } }',
      { id: submitted.id },
    );
    const returned = await as(caseworker).graphql(
      'mutation($id: ID!) { advanceServiceApplication(id: $id, input: { to: SUBMITTED }) { status } }',
      { id: submitted.id },
    );
    expect(returned.errors?.[0].extensions).toEqual({
      code: 'INVALID_TRANSITION',
      status: 'ACCEPTED',
      action: 'SUBMITTED',
      allowed: ['FORWARDED', 'COMPLETED', 'RETURNED', 'REJECTED'],
      serviceName: 'civil-affairs',
    });
    expect((await lookUp(submitted.trackingCode)).data.serviceProgress.step).toBe('ACCEPTED');
  });

  it('answers a wrong code, a mistyped one and a made-up one exactly alike: not found', async () => {
    const real = applications[0].trackingCode;
    const typo = `${real.slice(0, 5)}${real[5] === 'A' ? 'B' : 'A'}${real.slice(6)}`;
    for (const code of [newTrackingCode(), typo, 'not-a-code', ''])
      expect(await lookUp(code)).toEqual({ status: 200, data: { serviceProgress: null }, errors: [NOT_FOUND] });
  });

  it('writes one audit row for every lookup, a hit (ALLOWED, the application) as a miss (DENIED): the same work either way', async () => {
    const client = new Client({ connectionString: hub().databaseUrls['civil-affairs'] });
    await client.connect();
    const rows = async () =>
      (
        await client.query(
          `select outcome, record_ids from audit_log where actor = 'anonymous' and department = 'PUBLIC' order by id desc limit 2`,
        )
      ).rows;
    try {
      await lookUp(applications[2].trackingCode);
      await lookUp(newTrackingCode());
      expect(await rows()).toEqual([
        { outcome: 'DENIED', record_ids: [] },
        { outcome: 'ALLOWED', record_ids: [applications[2].id] },
      ]);
    } finally {
      await client.end();
    }
  });

  it('opens nothing else to a caller without a token, at the gateway or at the department', async () => {
    expect(
      (
        await graphql(
          `query($code: String!) { serviceProgress(trackingCode: $code) { step } assistanceCases { totalCount } }`,
          { code: applications[0].trackingCode },
        )
      ).errors?.[0],
    ).toMatchObject({
      message: 'sign in first: send Authorization: Bearer <token> to ask for assistanceCases',
      extensions: { code: 'UNAUTHENTICATED' },
    });
    // the anonymous identity the gateway signs reaches the public field only, even sent straight to the subgraph
    const anonymous = anonymousIdentity('test-request', null);
    expect(
      (await askSubgraphAs('civil-affairs', anonymous, PROGRESS, { code: applications[0].trackingCode })).data,
    ).toEqual({
      serviceProgress: { step: applications[0].status, since: formatInstant(applications[0].updatedAt) },
    });
    for (const query of [
      '{ assistanceCases { totalCount } }',
      '{ _entities(representations: [{ __typename: "Resident", id: "00000000-0000-4000-8000-000000000000" }]) { __typename } }',
      'mutation { grantElderlyAllowance(residentId: "00000000-0000-4000-8000-000000000000", idempotencyKey: "k") { id } }',
    ]) {
      expect((await askSubgraphAs('civil-affairs', anonymous, query)).errors).toEqual([
        {
          message: 'this service answers only requests forwarded by the gateway',
          extensions: { code: 'UNAUTHENTICATED' },
        },
      ]);
    }
    expect(
      (await askSubgraphAs('population', anonymous, '{ residents { totalCount } }')).errors?.[0].extensions,
    ).toEqual({ code: 'UNAUTHENTICATED' });
  });

  it('is rate-limited per client address: right and wrong codes count alike, then RATE_LIMITED with Retry-After', async () => {
    // a limit of its own, counted in its own memory (the hub's gateways share theirs: tests/capabilities.test.ts)
    const gateway = await startExtraGateway({ HUB_PUBLIC_LOOKUPS_PER_MINUTE: '3', GATEWAY_DATABASE_URL: '' });
    try {
      const answers = [];
      for (const code of [
        applications[0].trackingCode,
        newTrackingCode(),
        applications[1].trackingCode,
        applications[0].trackingCode,
      ])
        answers.push(await lookUp(code, gateway.url));
      expect(answers.slice(0, 3).map((a) => a.data?.serviceProgress?.step ?? a.errors?.[0].extensions?.code)).toEqual([
        applications[0].status,
        'NOT_FOUND',
        applications[1].status,
      ]);
      expect(answers[3]).toEqual({
        status: 429,
        errors: [
          {
            message: expect.stringMatching(/^too many lookups from your address; try again in \d+ s$/),
            extensions: { code: 'RATE_LIMITED', retryAfterSeconds: expect.any(Number) },
          },
        ],
      });
      // a caller with a token is not held by the public limit
      expect(
        (
          await graphql(
            PROGRESS,
            { code: applications[0].trackingCode },
            { url: gateway.url, headers: { authorization: `Bearer ${await tokenFor(caseworker)}` } },
          )
        ).data,
      ).toEqual({
        serviceProgress: { step: applications[0].status, since: formatInstant(applications[0].updatedAt) },
      });
    } finally {
      gateway.stop();
    }
  });
});
