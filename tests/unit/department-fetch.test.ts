/**
 * How the gateway reaches a department (gateway/department-fetch.ts), against real HTTP servers on this machine: the
 * answer as Apollo's data source and the breaker read it, and each way a department can fail to answer, in the words
 * the gateway puts in DEPARTMENT_UNAVAILABLE.
 */
import { createServer, type RequestListener, type Server } from 'node:http';
import type { AddressInfo } from 'node:net';
import { CALLBACK_HEADER } from '../../lib/auth/callback';
import { DepartmentUnreachable } from '../../gateway/department-down';
import { departmentFetch } from '../../gateway/department-fetch';

const servers: Server[] = [];
afterAll(() =>
  Promise.all(
    servers.map((s) => {
      s.closeAllConnections();
      return new Promise((done) => s.close(done));
    }),
  ),
);

async function serve(handler: RequestListener): Promise<string> {
  const server = createServer(handler);
  servers.push(server);
  await new Promise<void>((ready) => server.listen(0, '127.0.0.1', ready));
  return `http://127.0.0.1:${(server.address() as AddressInfo).port}/graphql`;
}

const reasonOf = (answer: Promise<unknown>) =>
  answer.then(
    () => 'answered',
    (error: unknown) => (error instanceof DepartmentUnreachable ? error.reason : String(error)),
  );

const post = (send: typeof fetch, url: string, body: string, headers: Record<string, string> = {}) =>
  send(url, { method: 'POST', headers: { 'content-type': 'application/json', ...headers }, body });

describe('a department reached by the gateway', () => {
  it('gets the exact body with its length, and its answer is read as the data source and the breaker read it', async () => {
    const seen: { body: string; length?: string; type?: string }[] = [];
    const url = await serve((req, res) => {
      let body = '';
      req.setEncoding('utf8');
      req.on('data', (chunk) => (body += chunk));
      req.on('end', () => {
        seen.push({ body, length: req.headers['content-length'], type: req.headers['content-type'] });
        res.writeHead(503, { 'content-type': 'application/json; charset=utf-8', 'x-hub-written-at': '0/16B3748' });
        res.end(JSON.stringify({ errors: [{ message: '人口库不可用', extensions: { reason: 'its database' } }] }));
      });
    });
    const body = JSON.stringify({ query: '{ resident(id: "1") { name } }', variables: { note: '网格员' } });
    const answer = await post(departmentFetch(1000), url, body);
    expect(seen).toEqual([{ body, length: String(Buffer.byteLength(body)), type: 'application/json' }]);
    expect({ status: answer.status, ok: answer.ok, url: answer.url }).toEqual({ status: 503, ok: false, url });
    expect(answer.headers.get('Content-Type')).toBe('application/json; charset=utf-8');
    expect(answer.headers.get('X-Hub-Written-At')).toBe('0/16B3748');
    expect(answer.headers.get('cache-control')).toBeNull();
    const expected = { errors: [{ message: '人口库不可用', extensions: { reason: 'its database' } }] };
    expect(await answer.clone().json()).toEqual(expected);
    expect(await answer.json()).toEqual(expected);
    expect(JSON.parse(await answer.text())).toEqual(expected);
  });

  it('that does not answer in time fails with how long it was given (a change that asks back is given longer)', async () => {
    const url = await serve((req, res) => {
      if (req.headers[CALLBACK_HEADER]) setTimeout(() => res.end('{}'), 150);
    });
    const send = departmentFetch(60, 2000);
    expect(await reasonOf(post(send, url, '{}'))).toBe('no answer within 60 ms');
    expect(await reasonOf(post(send, url, '{}', { [CALLBACK_HEADER]: 'capability' }))).toBe('answered');
  });

  it('that is not there, or drops the connection, fails with the reason an operator reads', async () => {
    const closed = await serve(() => undefined);
    servers.pop()!.close();
    await new Promise((gone) => setTimeout(gone, 50));
    expect(await reasonOf(post(departmentFetch(1000), closed, '{}'))).toBe('its server refuses connections');
    const dropping = await serve((req) => req.socket.destroy());
    expect(await reasonOf(post(departmentFetch(1000), dropping, '{}'))).toBe('its server dropped the connection');
  });
});
