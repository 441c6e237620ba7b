/**
 * Read-your-writes across the processes of a department (docs/operations.md, "Read replicas"). A subgraph that reads
 * from replicas says so on every answer (READS_REPLICAS_HEADER), and an answer that committed a change carries the
 * primary's WAL position after the commit (WRITTEN_AT_HEADER). The gateway keeps each caller's newest position per
 * department where every gateway process finds it, and forwards it, signed, with the caller's next requests: any process
 * of that department then sends the caller's reads to a replica only once it has replayed past it.
 */
export const READS_REPLICAS_HEADER = 'x-hub-reads-replicas';
export const WRITTEN_AT_HEADER = 'x-hub-written-at';

/** A WAL position as PostgreSQL prints it: '16/B374D848'. */
export const isLsn = (value: unknown): value is string =>
  typeof value === 'string' && /^[0-9A-F]{1,8}\/[0-9A-F]{1,8}$/i.test(value);

/** A WAL position ('16/B374D848') as a number of bytes. */
export function parseLsn(lsn: string): bigint {
  const [high, low] = lsn.split('/');
  return (BigInt(`0x${high}`) << 32n) + BigInt(`0x${low}`);
}
