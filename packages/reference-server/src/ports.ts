import { randomBytes } from 'node:crypto';

/** Time, ids and randomness come in through these, so tests can fix them. */
export interface Clock {
  now(): Date;
}

export interface IdSource {
  /** A new identifier with a type prefix: `pay_3Xk...`. */
  id(prefix: string): string;
  /** `bytes` of randomness, base62-encoded: API key secrets. */
  secret(bytes: number): string;
  /** A receipt verification code: 12 characters of Crockford base32 in groups of four. */
  verificationCode(): string;
}

export const systemClock: Clock = { now: () => new Date() };

const BASE62 = '0123456789ABCDEFGHIJKLMNOPQRSTUVWXYZabcdefghijklmnopqrstuvwxyz';
const CROCKFORD32 = '0123456789ABCDEFGHJKMNPQRSTVWXYZ';

function encode(bytes: Uint8Array, alphabet: string): string {
  let out = '';
  // Rejection sampling would be exact; bytes modulo a 62/32 alphabet are close enough to uniform
  // for identifiers, and exact for 32. Secrets use 32 bytes, far beyond guessing either way.
  for (const byte of bytes) out += alphabet[byte % alphabet.length];
  return out;
}

export const randomIds: IdSource = {
  id: (prefix) => `${prefix}_${encode(randomBytes(20), BASE62)}`,
  secret: (bytes) => encode(randomBytes(bytes), BASE62),
  verificationCode: () => {
    const raw = encode(randomBytes(12), CROCKFORD32);
    return `${raw.slice(0, 4)}-${raw.slice(4, 8)}-${raw.slice(8, 12)}`;
  },
};
