/**
 * Hashes and checks staff passwords. A hash carries its scheme and parameters, so the cost can grow
 * without a migration: `verify` reads them from the stored hash, and `isCurrent` says when a login
 * should store a new hash at today's cost.
 */
export interface PasswordHasher {
  hash(password: string): Promise<string>;
  verify(password: string, stored: string): Promise<boolean>;
  /** False when the stored hash was made with another scheme or a lower cost than this hasher's. */
  isCurrent(stored: string): boolean;
}

const toHex = (bytes: Uint8Array): string => Array.from(bytes, (byte) => byte.toString(16).padStart(2, '0')).join('');
const fromHex = (hex: string): Uint8Array => Uint8Array.from(hex.match(/../g) ?? [], (pair) => Number.parseInt(pair, 16));

/** Compares without stopping at the first difference: the time taken tells nothing of where they differ. */
export function constantTimeEqual(a: string, b: string): boolean {
  let difference = a.length ^ b.length;
  for (let index = 0; index < Math.max(a.length, b.length); index++) difference |= (a.charCodeAt(index) || 0) ^ (b.charCodeAt(index) || 0);
  return difference === 0;
}

async function pbkdf2(password: string, salt: Uint8Array, iterations: number): Promise<string> {
  const key = await crypto.subtle.importKey('raw', new TextEncoder().encode(password), 'PBKDF2', false, ['deriveBits']);
  const bits = await crypto.subtle.deriveBits({ name: 'PBKDF2', hash: 'SHA-256', salt: salt as Uint8Array<ArrayBuffer>, iterations }, key, 256);
  return toHex(new Uint8Array(bits));
}

const PBKDF2_FORMAT = /^pbkdf2-sha256\$(\d+)\$([0-9a-f]{32})\$([0-9a-f]{64})$/;

/**
 * PBKDF2-HMAC-SHA256 through Web Crypto: `pbkdf2-sha256$<iterations>$<salt hex>$<hash hex>`, for
 * runtimes without a memory-hard function (the SDK's mock, in a browser). 600,000 iterations is
 * OWASP's figure for this hash. The reference server uses scrypt instead, and still reads these.
 */
export function pbkdf2PasswordHasher(iterations = 600_000): PasswordHasher {
  return {
    async hash(password) {
      const salt = crypto.getRandomValues(new Uint8Array(16));
      return `pbkdf2-sha256$${iterations}$${toHex(salt)}$${await pbkdf2(password, salt, iterations)}`;
    },
    async verify(password, stored) {
      const match = PBKDF2_FORMAT.exec(stored);
      if (!match) return false;
      return constantTimeEqual(await pbkdf2(password, fromHex(match[2]!), Number(match[1])), match[3]!);
    },
    isCurrent(stored) {
      const match = PBKDF2_FORMAT.exec(stored);
      return match !== null && Number(match[1]) >= iterations;
    },
  };
}
