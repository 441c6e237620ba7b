import { exportJWK, generateKeyPair } from 'jose';
import { bindingKeyFor, ForwardedIdentityVerifier, IdentityForwarder } from '../../lib/auth/forwarded';
import { MemoryReplayStore } from '../../lib/auth/replay-store';
import { NO_SCOPE } from '../../lib/auth/scope';
import { WritePositions } from '../../lib/auth/write-positions';
import { READS_REPLICAS_HEADER, WRITTEN_AT_HEADER } from '../../lib/db/write-position';

/** A department's answer's headers: it reads replicas, and (for a committed change) where the primary's WAL stood. */
const answer = (writtenAt?: string) =>
  new Headers({ [READS_REPLICAS_HEADER]: '1', ...(writtenAt ? { [WRITTEN_AT_HEADER]: writtenAt } : {}) });

describe('write positions: what the gateway forwards so that a caller reads its own writes on any process', () => {
  it('looks nothing up while no department says it reads replicas', async () => {
    const writes = new WritePositions();
    await writes.answered('population', 'clerk-1', new Headers({ [WRITTEN_AT_HEADER]: '0/16B3740' }));
    expect(await writes.of('clerk-1')).toBeUndefined();
  });

  it('gives every department that reads replicas, with the caller’s newest write to it or none', async () => {
    const writes = new WritePositions();
    await writes.answered('grid', 'clerk-2', answer());
    await writes.answered('population', 'clerk-1', answer('0/16B3740'));
    // an older position arriving late (a slower answer) does not move it back
    await writes.answered('population', 'clerk-1', answer('0/16B0000'));
    expect([await writes.of('clerk-1'), await writes.of('clerk-2')]).toEqual([
      { grid: '', population: '0/16B3740' },
      { grid: '', population: '' },
    ]);
  });

  it('ignores a header that is not a WAL position', async () => {
    const writes = new WritePositions();
    await writes.answered('population', 'clerk-1', answer("0/1'; drop table x"));
    expect(await writes.of('clerk-1')).toEqual({ population: '' });
  });

  it('carries them in the request’s binding, outside the signed identity, to the recipient', async () => {
    const { privateKey, publicKey } = await generateKeyPair('EdDSA', { crv: 'Ed25519', extractable: true });
    const privateJwk = JSON.stringify(await exportJWK(privateKey));
    const forwarder = await IdentityForwarder.fromPrivateJwk(privateJwk);
    const verifier = new ForwardedIdentityVerifier(
      publicKey,
      'population',
      bindingKeyFor(privateJwk, 'population'),
      new MemoryReplayStore(),
    );
    const identity = {
      subject: 'clerk-1',
      name: 'clerk',
      department: 'POPULATION' as const,
      role: 'CLERK',
      scope: ['5a4c1b8e-8f7e-4a51-9d1c-3b8f1f0e2a11'],
      resolvedScope: NO_SCOPE,
      purpose: null,
      requestId: 'req-1',
      operationName: null,
    };
    const body = '{"query":"{ __typename }"}';
    const bound = (writePositions?: Record<string, string>) =>
      forwarder.header(
        { ...identity, ...(writePositions ? { writePositions } : {}) },
        { recipient: 'population', body },
      );
    const [told, untold] = await Promise.all([bound({ population: '0/16B3740', grid: '' }), bound()]);
    // the identity token is the same for both: the positions change with every write, the signature is made once
    expect(told.split('.').slice(0, 3)).toEqual(untold.split('.').slice(0, 3));
    expect([
      (await verifier.verify(told, body)).writePositions,
      (await verifier.verify(untold, body)).writePositions,
    ]).toEqual([{ population: '0/16B3740', grid: '' }, undefined]);
  });
});
