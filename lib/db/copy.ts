import { pipeline } from 'node:stream/promises';
import { Readable } from 'node:stream';
import type { Client } from 'pg';
import { from as copyFrom } from 'pg-copy-streams';

type Cell = string | number | boolean | null | undefined | Date;

/** PostgreSQL COPY text format: tab-separated, \N for null, backslash escapes. */
function encode(cell: Cell): string {
  if (cell === null || cell === undefined) return '\\N';
  if (cell instanceof Date) return cell.toISOString();
  if (typeof cell === 'boolean') return cell ? 't' : 'f';
  return String(cell).replace(/\\/g, '\\\\').replace(/\t/g, '\\t').replace(/\n/g, '\\n').replace(/\r/g, '\\r');
}

/**
 * Bulk-loads rows into a table with COPY FROM STDIN (pg-copy-streams), in chunks so memory stays flat.
 * Returns the number of rows written.
 */
export async function copyRows<T>(client: Client, table: string, columns: string[], rows: Iterable<T>, toCells: (row: T) => Cell[]): Promise<number> {
  let count = 0;
  function* lines() {
    let chunk: string[] = [];
    for (const row of rows) {
      chunk.push(toCells(row).map(encode).join('\t'));
      count++;
      if (chunk.length === 5000) {
        yield chunk.join('\n') + '\n';
        chunk = [];
      }
    }
    if (chunk.length) yield chunk.join('\n') + '\n';
  }
  const sql = `COPY ${table} (${columns.map((c) => `"${c}"`).join(', ')}) FROM STDIN`;
  await pipeline(Readable.from(lines()), client.query(copyFrom(sql)));
  return count;
}
