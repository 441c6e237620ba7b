import { existsSync } from 'node:fs';
import { dirname, join, resolve } from 'node:path';
import { z } from 'zod';

/** The setting as written in the environment: unset and empty are the same. */
type Raw = string | undefined;

/**
 * One setting: how its text is read (a zod schema from the raw text to the typed value), what a person must write
 * (`expects`, for the error), its default as the documentation shows it, what it is for, and the part of the hub
 * it belongs to.
 */
export interface Setting<T> {
  schema: z.ZodType<T, Raw>;
  expects: string;
  default: string;
  description: string;
  /** false: the value may hold a password, so an error does not repeat it */
  echo?: boolean;
}

type Doc = { default?: string; description: string };

/** The checkout (or image) root, where package.json is, from the source tree or dist/ alike. */
export const ROOT = (() => {
  for (let dir = __dirname; dir !== dirname(dir); dir = dirname(dir))
    if (existsSync(join(dir, 'package.json'))) return dir;
  return process.cwd();
})();

const wholeNumber = z
  .string()
  .trim()
  .regex(/^\d[\d_,]*$/)
  .transform((s) => Number(s.replace(/[_,]/g, '')));

/** A whole number of at least `min` ("1_000_000" and "1,000,000" are read too). */
export function integer(fallback: number, min: number, doc: Doc): Setting<number> {
  return {
    schema: wholeNumber.pipe(z.number().int().min(min)).default(fallback),
    expects: `a whole number of at least ${min}`,
    default: doc.default ?? String(fallback),
    description: doc.description,
  };
}

/** A TCP port. */
export function port(fallback: number, doc: Doc): Setting<number> {
  return {
    schema: wholeNumber.pipe(z.number().int().min(1).max(65535)).default(fallback),
    expects: 'a port from 1 to 65535',
    default: String(fallback),
    description: doc.description,
  };
}

/** Free text; `fallback` undefined: optional. */
export function text(fallback: string, doc: Doc): Setting<string>;
export function text(fallback: undefined, doc: Doc): Setting<string | undefined>;
export function text(fallback: string | undefined, doc: Doc): Setting<string | undefined> {
  const schema = fallback === undefined ? z.string().optional() : z.string().default(fallback);
  return {
    schema,
    expects: 'text',
    default: doc.default ?? (fallback === undefined ? '—' : `\`${fallback}\``),
    description: doc.description,
  };
}

/** An IANA time zone the runtime knows (`Asia/Shanghai`). */
export function timeZone(fallback: string, doc: Doc): Setting<string> {
  const known = (zone: string) => {
    try {
      new Intl.DateTimeFormat('en', { timeZone: zone });
      return true;
    } catch {
      return false;
    }
  };
  return {
    schema: z.string().trim().refine(known).default(fallback),
    expects: 'an IANA time zone such as Asia/Shanghai',
    default: `\`${fallback}\``,
    description: doc.description,
  };
}

/** An http(s) or postgres URL; optional (the reader knows what is missing when it needs one). */
export function url(protocols: readonly string[], doc: Doc): Setting<string | undefined> {
  const schema = z
    .string()
    .trim()
    .refine((s) => URL.canParse(s) && protocols.includes(new URL(s).protocol.slice(0, -1)))
    .optional();
  return {
    schema,
    expects: `a ${protocols.join(' or ')} URL`,
    default: doc.default ?? '—',
    description: doc.description,
    echo: false,
  };
}

/**
 * A PostgreSQL URL: not checked here but by connecting to it, which says more (npm start and a subgraph name the
 * variable, the URL without its password, and the cause: not a URL, connection refused, bad credentials).
 */
export function connection(doc: Doc): Setting<string | undefined> {
  return {
    schema: z.string().optional(),
    expects: 'a postgres:// URL',
    default: doc.default ?? '—',
    description: doc.description,
    echo: false,
  };
}

/** Text split at commas, each part trimmed, empty parts dropped. */
const commaSeparated = () =>
  z.string().transform((s) =>
    s
      .split(',')
      .map((w) => w.trim())
      .filter(Boolean),
  );

/** PostgreSQL URLs, comma-separated; unset: none. Never echoed (they carry passwords). */
export function connections(doc: Doc): Setting<string[]> {
  const schema = commaSeparated()
    .pipe(z.array(z.string().regex(/^postgres(ql)?:\/\//)))
    .default([]);
  return {
    schema,
    expects: 'comma-separated postgres:// URLs',
    default: doc.default ?? '—',
    description: doc.description,
    echo: false,
  };
}

/** One of a few words; `fallback` undefined: optional (the reader decides). */
export function oneOf<const W extends readonly [string, ...string[]]>(
  words: W,
  fallback: W[number],
  doc: Doc,
): Setting<W[number]>;
export function oneOf<const W extends readonly [string, ...string[]]>(
  words: W,
  fallback: undefined,
  doc: Doc,
): Setting<W[number] | undefined>;
export function oneOf<const W extends readonly [string, ...string[]]>(
  words: W,
  fallback: W[number] | undefined,
  doc: Doc,
): Setting<W[number] | undefined> {
  const schema = fallback === undefined ? z.enum(words).optional() : z.enum(words).default(fallback);
  return {
    schema,
    expects: `one of ${words.join(', ')}`,
    default: doc.default ?? (fallback === undefined ? '—' : `\`${fallback}\``),
    description: doc.description,
  };
}

/** On or off: 1 or true, 0 or false. */
export function flag(doc: Doc): Setting<boolean> {
  const schema = z
    .enum(['1', '0', 'true', 'false'])
    .transform((s) => s === '1' || s === 'true')
    .default(false);
  return { schema, expects: '1 or 0 (true or false)', default: doc.default ?? '0', description: doc.description };
}

/** A file or folder: relative to the working directory when given, to the checkout when the default (`fallback`). */
export function path(fallback: string, doc: Doc): Setting<string>;
export function path(fallback: undefined, doc: Doc): Setting<string | undefined>;
export function path(fallback: string | undefined, doc: Doc): Setting<string | undefined> {
  const given = z.string().transform((p) => resolve(p));
  const schema =
    fallback === undefined ? given.optional() : given.optional().transform((p) => p ?? join(ROOT, fallback));
  return {
    schema,
    expects: 'a path',
    default: doc.default ?? (fallback === undefined ? '—' : `\`${fallback}\``),
    description: doc.description,
  };
}

/** A comma-separated list of words. */
export function list(fallback: string[], doc: Doc): Setting<string[]> {
  const schema = commaSeparated().pipe(z.array(z.string()).min(1)).default(fallback);
  return {
    schema,
    expects: 'a comma-separated list',
    default: doc.default ?? fallback.join(','),
    description: doc.description,
  };
}

/** Express `trust proxy`: a number of hops, or addresses and subnets (text); unset, no proxy is trusted. */
export function trustProxy(doc: Doc): Setting<number | string | undefined> {
  const schema = z
    .string()
    .trim()
    .transform((s) => (/^\d+$/.test(s) ? Number(s) : s))
    .optional();
  return { schema, expects: 'a number of hops or addresses', default: '—', description: doc.description };
}
