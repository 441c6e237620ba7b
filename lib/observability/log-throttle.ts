import { log } from './log';

/**
 * A log line that would repeat on every request during an outage is written once per `ms` per key, with how many
 * were left out meanwhile.
 */
export function throttledLog(
  ms: number,
  write: (line: string) => void = (line) => log.warn(line),
): (key: string, line: string) => void {
  const last = new Map<string, { at: number; skipped: number }>();
  return (key, line) => {
    const now = Date.now();
    const seen = last.get(key);
    if (seen && now - seen.at < ms) {
      seen.skipped += 1;
      return;
    }
    last.set(key, { at: now, skipped: 0 });
    write(seen?.skipped ? `${line} (and ${seen.skipped} more like it since the last line)` : line);
  };
}
