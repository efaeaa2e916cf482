/** Identifiers and secrets come in through this, so tests can fix them. */
export interface IdSource {
  /** A new identifier with a type prefix: `pay_` + 20 base62 characters (within SEPA's 35 for an EndToEndId). */
  id(prefix: string): string;
  /** `length` base62 characters of randomness: API key secrets. */
  secret(length: number): string;
  /** A receipt verification code: 12 characters of Crockford base32 in groups of four. */
  verificationCode(): string;
}

export const BASE62 = '0123456789ABCDEFGHIJKLMNOPQRSTUVWXYZabcdefghijklmnopqrstuvwxyz';
export const CROCKFORD32 = '0123456789ABCDEFGHJKMNPQRSTVWXYZ';

/**
 * Random bytes from Web Crypto, drawn a pool at a time: one call to the system's generator per
 * kilobyte instead of one per id (a payment takes six ids, a request one more). Each byte is used once.
 */
const pool = new Uint8Array(1024);
let poolAt = pool.length;

function randomByte(): number {
  if (poolAt === pool.length) {
    crypto.getRandomValues(pool);
    poolAt = 0;
  }
  return pool[poolAt++]!;
}

/** `length` characters drawn uniformly from `alphabet` (rejection sampling: no modulo bias). */
export function randomString(length: number, alphabet: string): string {
  const limit = 256 - (256 % alphabet.length);
  let out = '';
  while (out.length < length) {
    const byte = randomByte();
    if (byte < limit) out += alphabet[byte % alphabet.length];
  }
  return out;
}

/** Groups 12 characters as printed on a receipt: `K7QF-3MZP-W2HD`. */
export const groupedCode = (raw: string): string => `${raw.slice(0, 4)}-${raw.slice(4, 8)}-${raw.slice(8, 12)}`;

/** `ms` in 8 base62 digits, most significant first: in ASCII, so in SQL's text order, they sort as the numbers do (until the year 8888). */
function sortableTime(ms: number): string {
  let out = '';
  for (let digit = 0; digit < 8; digit++, ms = Math.floor(ms / 62)) out = BASE62[ms % 62]! + out;
  return out;
}

/**
 * Ids and secrets from the platform's cryptographic random source (Web Crypto: Node, browsers, Deno,
 * workers). An id is its creation time (8 characters, to the millisecond) and 12 random characters
 * (71 bits, unguessable): ids made one after the other sort together, so a table's rows go to the end
 * of its indexes and a batch of payments touches a few pages instead of one per row (half the
 * commit's cost, measured in docs/benchmarks.md). The time in an id is no secret: it is when the
 * row was made, which the row says anyway.
 */
export const randomIds: IdSource = {
  id: (prefix) => `${prefix}_${sortableTime(Date.now())}${randomString(12, BASE62)}`,
  secret: (length) => randomString(length, BASE62),
  verificationCode: () => groupedCode(randomString(12, CROCKFORD32)),
};
