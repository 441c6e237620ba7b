import express, { type Router } from 'express';
import { ORGANIZATIONS, ROLES } from '../../lib/auth/identity';
import { settings } from '../../lib/config/settings';
import { mintUserToken } from '../../lib/auth/user-token';

type Organization = (typeof ORGANIZATIONS)[number];

const DEV_TTL_S = 8 * 3600;

/**
 * Development mode only (HUB_MODE=development): mints a token for the whole district under the hub's own HS256
 * secret, so the dashboard and GraphiQL can be tried without `npm run token`. The district comes from the graph
 * (grid's region tree, asked with a token that has no scope yet). With `regionId` (a region inside the district, e.g.
 * the grid a grid worker serves, for the worker's page) the token's scope is that region alone.
 */
export function developmentLogin(graphqlUrl: string): Router {
  const router = express.Router();
  router.post('/', express.json({ limit: 1024 }), async (req, res) => {
    const given = settings();
    const secret = given.HUB_JWT_SECRET;
    if (!secret || given.HUB_JWT_JWKS_URL) {
      res.status(503).json({
        error:
          'the development login needs the hub’s own token secret; sign in with a token from your identity provider',
      });
      return;
    }
    const { department, role, regionId } = (req.body ?? {}) as {
      department?: string;
      role?: string;
      regionId?: string;
    };
    if (
      !ORGANIZATIONS.includes(department as Organization) ||
      !ROLES[department as Organization].includes(String(role))
    ) {
      res.status(400).json({ error: `department must be one of ${ORGANIZATIONS.join(', ')} with one of its roles` });
      return;
    }
    const options = { ttlSeconds: DEV_TTL_S };
    const subject = `dev-${department}-${role}`.toLowerCase();
    const as = (scope: string[]) =>
      mintUserToken(
        {
          subject,
          name: `${department} ${role} (development)`,
          department: department as Organization,
          role: String(role),
          scope,
        },
        secret,
        options,
      );
    const answer = await fetch(graphqlUrl, {
      method: 'POST',
      headers: { 'content-type': 'application/json', authorization: `Bearer ${await as([])}` },
      body: JSON.stringify({ query: '{ regions(level: DISTRICT, first: 10) { nodes { id } } }' }),
    }).then((r) => r.json() as Promise<{ data?: { regions: { nodes: { id: string }[] } } }>);
    const districts = answer.data?.regions.nodes.map((n) => n.id) ?? [];
    if (!districts.length) {
      res.status(503).json({ error: 'grid answered no district; is the hub seeded?' });
      return;
    }
    if (regionId === undefined) {
      res.json({ token: await as(districts) });
      return;
    }
    const region = await fetch(graphqlUrl, {
      method: 'POST',
      headers: { 'content-type': 'application/json', authorization: `Bearer ${await as(districts)}` },
      body: JSON.stringify({
        query: 'query ($id: ID!) { region(id: $id) { id } }',
        variables: { id: String(regionId) },
      }),
    }).then((r) => r.json() as Promise<{ data?: { region: { id: string } | null } }>);
    if (!region.data?.region) {
      res.status(400).json({ error: `regionId ${regionId} is no region of the district` });
      return;
    }
    res.json({ token: await as([region.data.region.id]) });
  });
  return router;
}
