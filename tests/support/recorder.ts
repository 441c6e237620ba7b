import { createServer, type IncomingHttpHeaders } from 'node:http';
import { freePorts } from './ports';

export interface RecordedRequest {
  headers: IncomingHttpHeaders;
  body: string;
}

export interface Recorder {
  url: string;
  requests: RecordedRequest[];
  stop(): Promise<void>;
}

/**
 * A real HTTP hop between the gateway and one subgraph that keeps a copy of every request: what someone listening on
 * the network between them would capture. It passes each request on to `target` unchanged, or, with
 * `forward: false`, keeps it from ever arriving (answering with an empty GraphQL result).
 */
export async function startRecorder(
  target: string,
  options: { forward: boolean } = { forward: true },
): Promise<Recorder> {
  const [port] = await freePorts(1);
  const requests: RecordedRequest[] = [];
  const server = createServer(async (req, res) => {
    const chunks: Buffer[] = [];
    for await (const chunk of req) chunks.push(chunk as Buffer);
    const body = Buffer.concat(chunks).toString('utf8');
    if (req.method !== 'POST') {
      // /health and the like pass through unrecorded
      const answer = await fetch(new URL(req.url ?? '/', target));
      res
        .writeHead(answer.status, { 'content-type': answer.headers.get('content-type') ?? 'text/plain' })
        .end(await answer.text());
      return;
    }
    requests.push({ headers: req.headers, body });
    if (!options.forward) {
      res
        .writeHead(200, { 'content-type': 'application/json' })
        .end(JSON.stringify({ data: null, errors: [{ message: 'held back by the recorder' }] }));
      return;
    }
    const headers = Object.fromEntries(
      Object.entries(req.headers).filter(([name]) => !['host', 'content-length', 'connection'].includes(name)),
    ) as Record<string, string>;
    const answer = await fetch(target, { method: 'POST', headers, body });
    res
      .writeHead(answer.status, { 'content-type': answer.headers.get('content-type') ?? 'application/json' })
      .end(await answer.text());
  });
  await new Promise<void>((resolve) => server.listen(port, '127.0.0.1', resolve));
  return {
    url: `http://127.0.0.1:${port}/graphql`,
    requests,
    stop: () => new Promise((resolve) => server.close(() => resolve())),
  };
}
