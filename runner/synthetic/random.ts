/** Small deterministic random source (mulberry32): the same seed gives the same district every time. */
export class Rng {
  private state: number;
  constructor(seed: number) {
    this.state = seed >>> 0;
  }
  /** uniform in [0, 1) */
  next(): number {
    let t = (this.state = (this.state + 0x6d2b79f5) >>> 0);
    t = Math.imul(t ^ (t >>> 15), t | 1);
    t ^= t + Math.imul(t ^ (t >>> 7), t | 61);
    return ((t ^ (t >>> 14)) >>> 0) / 4294967296;
  }
  /** whole number in [0, n) */
  int(n: number): number {
    return Math.floor(this.next() * n);
  }
}

function mix(h: number): number {
  h = Math.imul(h ^ (h >>> 16), 0x85ebca6b);
  h = Math.imul(h ^ (h >>> 13), 0xc2b2ae35);
  return (h ^ (h >>> 16)) >>> 0;
}

function hashString(s: string): number {
  let h = 0x811c9dc5;
  for (let i = 0; i < s.length; i++) h = Math.imul(h ^ s.charCodeAt(i), 0x01000193);
  return h >>> 0;
}

/** two hex digits per byte value, so a UUID is built from table look-ups (a million ids a second matters here) */
const HEX = Array.from({ length: 256 }, (_, i) => i.toString(16).padStart(2, '0'));
const hex8 = (n: number) => HEX[n >>> 24] + HEX[(n >>> 16) & 0xff] + HEX[(n >>> 8) & 0xff] + HEX[n & 0xff];
const hex4 = (n: number) => HEX[n >>> 8] + HEX[n & 0xff];

/** A UUID (version 8, "custom") that is a pure function of seed, kind and index. */
export function stableUuid(seed: number, kind: string, index: number): string {
  const k = hashString(kind);
  const a = mix(seed ^ k);
  const b = mix(a ^ index);
  const c = mix(b ^ 0x9e3779b9 ^ (index * 31));
  const d = mix(c ^ k ^ Math.floor(index / 4294967296));
  const e = mix(d ^ index);
  // version nibble 8 (custom), variant bits 10: the same layout as before, without slicing a 32-character string
  const version = (c & 0xfff) | 0x8000;
  const variant = ((d >>> 16) & 0x3fff) | 0x8000;
  return `${hex8(b)}-${hex4(c >>> 16)}-${hex4(version)}-${hex4(variant)}-${hex4(d & 0xffff)}${hex8(e)}`;
}
