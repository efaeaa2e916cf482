const BASE62 = '0123456789ABCDEFGHIJKLMNOPQRSTUVWXYZabcdefghijklmnopqrstuvwxyz';
const CROCKFORD32 = '0123456789ABCDEFGHJKMNPQRSTVWXYZ';

/** Ids, keys and codes in the reference server's formats, from a seed: the same seed gives the same fake. */
export interface SeededIds {
  /** `pay_` + 20 base62 characters. */
  id(prefix: string): string;
  /** An API key: `sk_` or `pk_` + 32 base62 characters. */
  apiKey(prefix: 'sk_' | 'pk_'): string;
  /** 12 characters of Crockford base32 in groups of four: `K7QF-3MZP-W2HD`. */
  verificationCode(): string;
  requestId(): string;
}

export function seededIds(seed: number): SeededIds {
  const next = mulberry32(seed);
  const draw = (length: number, alphabet: string) =>
    Array.from({ length }, () => alphabet[Math.floor(next() * alphabet.length)]).join('');
  return {
    id: (prefix) => `${prefix}_${draw(20, BASE62)}`,
    apiKey: (prefix) => `${prefix}${draw(32, BASE62)}`,
    verificationCode: () => `${draw(4, CROCKFORD32)}-${draw(4, CROCKFORD32)}-${draw(4, CROCKFORD32)}`,
    requestId: () => `req_${draw(16, BASE62)}`,
  };
}

/** A small, fast PRNG with a 32-bit state: plenty for test data, never for secrets. */
function mulberry32(seed: number): () => number {
  let state = seed >>> 0;
  return () => {
    state = (state + 0x6d2b79f5) >>> 0;
    let t = state;
    t = Math.imul(t ^ (t >>> 15), t | 1);
    t ^= t + Math.imul(t ^ (t >>> 7), t | 61);
    return ((t ^ (t >>> 14)) >>> 0) / 4_294_967_296;
  };
}
