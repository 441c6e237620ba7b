import { createServer, type RequestListener, type Server } from 'node:http';

const CAUSES: Record<string, string> = {
  EADDRINUSE: 'the port is already in use by another program',
  EACCES: 'this user may not listen on that port',
  EADDRNOTAVAIL: 'that address is not one of this machine’s',
};

/**
 * Listens on `host:port` and resolves once the port is really held. A port another program holds rejects with a
 * message that names the setting to change and the cause (EADDRINUSE): Express 5's `app.listen` hands that error to
 * its callback, which the servers had taken for success.
 */
export function listen(handler: RequestListener, port: number, host: string, variable: string): Promise<Server> {
  const server = createServer(handler);
  return new Promise((resolve, reject) => {
    server.once('error', (error: NodeJS.ErrnoException) => {
      const cause = error.code ? `${error.code}: ${CAUSES[error.code] ?? error.message}` : error.message;
      reject(new Error(`cannot listen on ${host}:${port} (${variable}=${port}): ${cause}`));
    });
    server.listen(port, host, () => resolve(server));
  });
}
