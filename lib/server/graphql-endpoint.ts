import type { IncomingMessage, RequestListener, ServerResponse } from 'node:http';
import { finished } from 'node:stream';
import { type ApolloServer, type BaseContext, HeaderMap } from '@apollo/server';
import getRawBody from 'raw-body';
import { assignRequestId } from '../observability/request-id';
import { bodyErrorAnswer, keepRawBody, refuseNul } from './body';

/** the content types taken here; any other (another charset, more parameters) is Express's to refuse or read */
const JSON_UTF8 = /^application\/json\s*(;\s*charset=("?)utf-8\2\s*)?$/i;

/**
 * POST /graphql of a subgraph on Node's own HTTP server, straight into Apollo Server's `executeHTTPGraphQLRequest`:
 * what the gateway sends again and again skips Express's router, its request and response wrappers and body-parser.
 * It takes only the requests whose answer it gives exactly as the Express path would (JSON in UTF-8, no content
 * encoding, a body announced): `handles` says which; the rest (GET, other content types, probes) stay with Express.
 */
export function graphqlEndpoint<Context extends BaseContext>(
  apollo: ApolloServer<Context>,
  options: {
    maxBodyBytes: number;
    /** runs the request, whose JSON is `body`, inside its scope if it needs one (lib/db/request-state.ts) */
    scoped: (res: ServerResponse, body: unknown, run: () => void) => void;
    /** `body`: the request's JSON, as Express's `req.body` would hold it */
    context: (req: IncomingMessage, body: unknown) => Promise<Context>;
  },
): { handles: (req: IncomingMessage) => boolean; serve: RequestListener } {
  const handles = (req: IncomingMessage) => {
    if (req.method !== 'POST' || (req.url !== '/graphql' && !req.url?.startsWith('/graphql?'))) return false;
    const encoding = req.headers['content-encoding'];
    if (encoding && encoding.toLowerCase() !== 'identity') return false;
    if (req.headers['content-length'] === undefined && req.headers['transfer-encoding'] === undefined) return false;
    return JSON_UTF8.test(req.headers['content-type'] ?? '');
  };

  const respond = (res: ServerResponse, status: number, body: string, headers?: Iterable<[string, string]>) => {
    if (headers) for (const [key, value] of headers) res.setHeader(key, value);
    else res.setHeader('content-type', 'application/json; charset=utf-8');
    res.statusCode = status;
    res.setHeader('content-length', Buffer.byteLength(body));
    res.end(body);
  };

  const serve = async (req: IncomingMessage, res: ServerResponse) => {
    const requestId = assignRequestId(req, res);
    try {
      const raw = await getRawBody(req, { length: req.headers['content-length'], limit: options.maxBodyBytes }).catch(
        // as body-parser does: the rest of the body is read off before the answer, or the client, still sending, sees
        // its connection reset instead of the 413
        (error: unknown) =>
          new Promise<never>((_resolve, reject) => {
            req.resume();
            finished(req, () => reject(error));
          }),
      );
      refuseNul(raw);
      keepRawBody(req, raw);
      const body = parseStrictJson(raw);
      const headers = new HeaderMap();
      for (const [key, value] of Object.entries(req.headers))
        if (value !== undefined) headers.set(key, Array.isArray(value) ? value.join(', ') : value);
      const search = req.url!.length > 8 ? req.url!.slice(8) : '';
      options.scoped(res, body, async () => {
        try {
          const answer = await apollo.executeHTTPGraphQLRequest({
            httpGraphQLRequest: { method: 'POST', headers, search, body },
            context: () => options.context(req, body),
          });
          if (answer.body.kind === 'complete')
            return respond(res, answer.status ?? 200, answer.body.string, answer.headers);
          for (const [key, value] of answer.headers) res.setHeader(key, value);
          res.statusCode = answer.status ?? 200;
          for await (const chunk of answer.body.asyncIterator) res.write(chunk);
          res.end();
        } catch (error) {
          failed(res, error, requestId);
        }
      });
    } catch (error) {
      failed(res, error, requestId);
    }
  };

  const failed = (res: ServerResponse, error: unknown, requestId: string) => {
    if (res.headersSent) return void res.destroy();
    const { status, body } = bodyErrorAnswer(error, options.maxBodyBytes, requestId);
    respond(res, status, JSON.stringify(body));
  };

  return { handles, serve: (req, res) => void serve(req, res) };
}

/** A request header as Express's `req.header` reads it: repeated values joined. */
export function headerOf(req: IncomingMessage, name: string): string | undefined {
  const value = req.headers[name];
  return Array.isArray(value) ? value.join(', ') : value;
}

/** JSON as body-parser's `strict` mode reads it: an object or an array (an empty body is `{}`), else a parse failure. */
function parseStrictJson(raw: Buffer): unknown {
  let text = raw.toString('utf8');
  if (text.charCodeAt(0) === 0xfeff) text = text.slice(1);
  const first = /^[ \t\n\r]*(.)/.exec(text)?.[1];
  if (first === undefined) return {};
  if (first !== '{' && first !== '[')
    throw Object.assign(new SyntaxError('not an object or array'), { type: 'entity.parse.failed', status: 400 });
  try {
    return JSON.parse(text);
  } catch (error) {
    throw Object.assign(error as Error, { type: 'entity.parse.failed', status: 400 });
  }
}
