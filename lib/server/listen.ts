import { createServer, type RequestListener, type Server } from 'node:http';

const CAUSES: Record<string, string> = {
  EADDRINUSE: 'the port is already in use by another program',
  EACCES: 'this user may not listen on that port',
  EADDRNOTAVAIL: 'that address is not one of this machine’s',
};

/** Why `host:port` cannot be listened on, naming the setting to change and the cause (npm start's clashes say it so). */
export const cannotListen = (host: string, port: number, variable: string, code?: string, message?: string) =>
  `cannot listen on ${host}:${port} (${variable}=${port}): ${code ? `${code}: ${CAUSES[code] ?? message}` : message}`;

/**
 * Listens on `host:port` and resolves once the port is really held. A port another program holds rejects with a
 * message that names the setting to change and the cause (EADDRINUSE): Express 5's `app.listen` hands that error to
 * its callback, which the servers had taken for success.
 */
export function listen(handler: RequestListener, port: number, host: string, variable: string): Promise<Server> {
  const server = createServer(handler);
  return new Promise((resolve, reject) => {
    server.once('error', (error: NodeJS.ErrnoException) => {
      reject(new Error(cannotListen(host, port, variable, error.code, error.message)));
    });
    server.listen(port, host, () => resolve(server));
  });
}
