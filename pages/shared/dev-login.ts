import { randomUUID } from 'node:crypto';
import express, { type Router } from 'express';
import { ORGANIZATIONS, ROLES } from '../../lib/auth/identity';
import { settings } from '../../lib/config/settings';
import { mintUserToken } from '../../lib/auth/user-token';
import { type IdentityForwarder, loadIdentityForwarder } from '../../lib/auth/forwarded';
import { askGrid } from '../../gateway/grid-lookup';
import { ResidentLookup } from '../../gateway/resident';
import { isId } from '../../lib/errors';

type Organization = (typeof ORGANIZATIONS)[number];

const DEV_TTL_S = 8 * 3600;

/** Whether a connection comes from this machine (the socket's own address: no proxy header can claim it). */
export const fromLoopback = (address: string | undefined) =>
  !!address && (address === '::1' || /^(::ffff:)?127\./.test(address));

/**
 * Development mode only (HUB_MODE=development): mints a token for the whole district under the hub's own HS256
 * secret, so the dashboard and GraphiQL can be tried without `npm run token`. The district comes from the graph
 * (grid's region tree, asked of grid itself as the caller with no scope yet). With `regionId` (a region inside the
 * district, e.g. the grid a grid worker serves, for the worker's page) the token's scope is that region alone. It answers
 * only requests from this machine: with HOST=0.0.0.0 other machines reach the hub, but never a token for the asking.
 * With `department: 'RESIDENT'` and `resident` (a register id, for the resident's page /me) it mints that resident's
 * own token, as `npm run token -- --resident` does, once population has said the id is someone on the register.
 */
export function developmentLogin(): Router {
  const router = express.Router();
  const forwarder = loadIdentityForwarder();
  forwarder.catch(() => undefined);
  router.post('/', express.json({ limit: 1024 }), async (req, res) => {
    if (!fromLoopback(req.socket.remoteAddress)) {
      res.status(403).json({
        error:
          'the development login answers requests from the hub’s own machine only (127.0.0.1); elsewhere sign in with a token (npm run token)',
      });
      return;
    }
    const given = settings();
    const secret = given.HUB_JWT_SECRET;
    if (!secret || given.HUB_JWT_JWKS_URL) {
      res.status(503).json({
        error:
          'the development login needs the hub’s own token secret; sign in with a token from your identity provider',
      });
      return;
    }
    const { department, role, regionId, resident } = (req.body ?? {}) as {
      department?: string;
      role?: string;
      regionId?: string;
      resident?: string;
    };
    if (department === 'RESIDENT') {
      const { status, ...answer } = await residentLogin(await forwarder, resident, secret);
      res.status(status).json(answer);
      return;
    }
    if (
      !ORGANIZATIONS.includes(department as Organization) ||
      !ROLES[department as Organization].includes(String(role))
    ) {
      res.status(400).json({ error: `department must be one of ${ORGANIZATIONS.join(', ')} with one of its roles` });
      return;
    }
    const options = { ttlSeconds: DEV_TTL_S };
    const subject = `dev-${department}-${role}`.toLowerCase();
    // grid itself is asked, not the gateway: the gateway refuses a token whose scope covers nothing
    const identity = {
      subject,
      name: `${department} ${role} (development)`,
      department: department as Organization,
      role: String(role),
      scope: [],
    };
    const ask = async <T>(operationName: string, query: string, variables: Record<string, unknown> = {}) =>
      askGrid<T>(await forwarder, identity, {
        requestId: randomUUID(),
        purpose: 'development login',
        operationName,
        query,
        variables,
      }).catch(() => undefined);
    const answer = await ask<{ regions: { nodes: { id: string }[] } }>(
      'Districts',
      'query Districts { regions(level: DISTRICT, first: 10) { nodes { id } } }',
    );
    const districts = answer?.regions.nodes.map((n) => n.id) ?? [];
    if (!districts.length) {
      res.status(503).json({ error: 'grid answered no district; is the hub seeded?' });
      return;
    }
    if (regionId === undefined) {
      res.json({ token: await mintUserToken({ ...identity, scope: districts }, secret, options) });
      return;
    }
    const region = await ask<{ region: { id: string } | null }>(
      'DevelopmentRegion',
      'query DevelopmentRegion($id: ID!) { region(id: $id) { id } }',
      { id: String(regionId) },
    );
    if (!region?.region) {
      res.status(400).json({ error: `regionId ${regionId} is no region of the district` });
      return;
    }
    res.json({ token: await mintUserToken({ ...identity, scope: [region.region.id] }, secret, options) });
  });
  return router;
}

/** A resident's own development token, for a register id population knows (asked as that resident, as the gateway does). */
async function residentLogin(
  forwarder: IdentityForwarder,
  residentId: unknown,
  secret: string,
): Promise<{ status: number; token?: string; error?: string }> {
  if (!isId(residentId)) return { status: 400, error: 'resident must be a resident’s id on the register (居民编号)' };
  const identity = {
    subject: `resident-${residentId}`,
    name: '居民 (development)',
    department: 'RESIDENT' as const,
    role: 'RESIDENT',
    scope: [],
    resident: { id: residentId },
  };
  try {
    await new ResidentLookup(forwarder).confirm(identity, randomUUID());
  } catch (error) {
    const unknown = (error as { extensions?: { code?: string } }).extensions?.code === 'UNAUTHENTICATED';
    return unknown
      ? { status: 400, error: `resident ${residentId} is no one on the register` }
      : { status: 503, error: error instanceof Error ? error.message : String(error) };
  }
  return { status: 200, token: await mintUserToken(identity, secret, { ttlSeconds: DEV_TTL_S }) };
}
