import { pipeline } from 'node:stream/promises';
import { Readable } from 'node:stream';
import type { Client } from 'pg';
import { from as copyFrom } from 'pg-copy-streams';
import { isoInstant } from '../calendar/iso';

type Cell = string | number | boolean | null | undefined | Date;

const NEEDS_ESCAPE = /[\\\t\n\r]/;

/** PostgreSQL COPY text format: tab-separated, \N for null, backslash escapes (only when a value needs them). */
function encode(cell: Cell): string {
  if (cell === null || cell === undefined) return '\\N';
  if (typeof cell === 'string') {
    return NEEDS_ESCAPE.test(cell)
      ? cell.replace(/\\/g, '\\\\').replace(/\t/g, '\\t').replace(/\n/g, '\\n').replace(/\r/g, '\\r')
      : cell;
  }
  if (typeof cell === 'number') return String(cell);
  if (typeof cell === 'boolean') return cell ? 't' : 'f';
  return isoInstant(cell.getTime());
}

/**
 * Rows per chunk handed to the COPY stream. Small on purpose: a chunk's lines live until it is sent, and lines kept
 * across many rows outlive the young generation, are promoted, and make the collector sweep everything else the
 * process holds (at a million residents, the generated world) again and again; at 10,000 rows a chunk that was most of
 * the time a seed took.
 */
const CHUNK_ROWS = 500;

/**
 * Bulk-loads rows into a table with COPY FROM STDIN (pg-copy-streams), in chunks so memory stays flat. `rows` may be
 * a generator: rows are made as PostgreSQL takes them. Returns the number of rows written.
 */
export async function copyRows<T>(
  client: Client,
  table: string,
  columns: string[],
  rows: Iterable<T>,
  toCells: (row: T) => Cell[],
): Promise<number> {
  let count = 0;
  function* chunks() {
    let lines: string[] = [];
    for (const row of rows) {
      const cells = toCells(row);
      let line = encode(cells[0]);
      for (let i = 1; i < cells.length; i++) line += '\t' + encode(cells[i]);
      lines.push(line);
      count++;
      if (lines.length === CHUNK_ROWS) {
        lines.push('');
        yield Buffer.from(lines.join('\n'));
        lines = [];
      }
    }
    if (lines.length) {
      lines.push('');
      yield Buffer.from(lines.join('\n'));
    }
  }
  const sql = `COPY ${table} (${columns.map((c) => `"${c}"`).join(', ')}) FROM STDIN`;
  await pipeline(Readable.from(chunks(), { objectMode: false }), client.query(copyFrom(sql)));
  return count;
}
