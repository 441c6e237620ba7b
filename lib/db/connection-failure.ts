import { databaseOutage } from './unavailable';

/** The URL with its password hidden, for a message. */
export function redacted(url: string): string {
  try {
    const parsed = new URL(url);
    if (parsed.password) parsed.password = '***';
    return parsed.toString();
  } catch {
    return url.length > 60 ? `${url.slice(0, 60)}…` : url;
  }
}

/** Why a connection failed, in words, with PostgreSQL's or Node's code where there is one. */
export function connectionFailure(error: unknown): string {
  const code = (error as { code?: string }).code;
  const outage = databaseOutage(error);
  if (outage) return code ? `${outage} (${code})` : outage;
  if (code === '28P01' || code === '28000')
    return `the server refuses these credentials (${code}: ${(error as Error).message})`;
  if (code === '3D000') return `no such database (${code})`;
  return (error as Error)?.message ?? String(error);
}
