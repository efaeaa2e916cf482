/** Hashes staff passwords; the hash carries its scheme and parameters, so the cost can grow without a migration. */
export interface PasswordHasher {
  hash(password: string): Promise<string>;
}

const toHex = (bytes: Uint8Array): string => Array.from(bytes, (byte) => byte.toString(16).padStart(2, '0')).join('');

/**
 * PBKDF2-HMAC-SHA256 through Web Crypto: `pbkdf2-sha256$<iterations>$<salt hex>$<hash hex>`.
 * 600,000 iterations is OWASP's figure for this hash; the SDK's mock uses fewer, for demo users only.
 */
export function pbkdf2PasswordHasher(iterations = 600_000): PasswordHasher {
  return {
    async hash(password) {
      const salt = crypto.getRandomValues(new Uint8Array(16));
      const key = await crypto.subtle.importKey('raw', new TextEncoder().encode(password), 'PBKDF2', false, ['deriveBits']);
      const bits = await crypto.subtle.deriveBits({ name: 'PBKDF2', hash: 'SHA-256', salt, iterations }, key, 256);
      return `pbkdf2-sha256$${iterations}$${toHex(salt)}$${toHex(new Uint8Array(bits))}`;
    },
  };
}
