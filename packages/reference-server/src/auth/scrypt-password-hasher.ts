import { randomBytes, scrypt, timingSafeEqual, type ScryptOptions } from 'node:crypto';
import { pbkdf2PasswordHasher, type PasswordHasher } from '@pay-box/engine';

/** OWASP's scrypt parameters: N = 2^17 (128 MiB of memory per hash), r = 8, p = 1. */
export const owaspScrypt = { logN: 17, r: 8, p: 1 };

const FORMAT = /^scrypt\$ln=(\d{1,2}),r=(\d{1,2}),p=(\d{1,2})\$([A-Za-z0-9+/]{22,24}={0,2})\$([A-Za-z0-9+/]{43,44}={0,2})$/;
const KEY_LENGTH = 32;

/** Node's scrypt on libuv's thread pool: the event loop goes on serving while a password is hashed. */
const derive = (password: string, salt: Buffer, options: ScryptOptions) =>
  new Promise<Buffer>((resolve, reject) => {
    const memory = 128 * (options.N ?? 0) * (options.r ?? 0) * (options.p ?? 1);
    scrypt(password.normalize('NFC'), salt, KEY_LENGTH, { ...options, maxmem: 2 * memory }, (error, key) => (error ? reject(error) : resolve(key)));
  });

/**
 * Staff passwords hashed with scrypt, memory-hard: `scrypt$ln=17,r=8,p=1$<salt>$<hash>` (base64),
 * the parameters beside the hash. Hashes of the engine's portable PBKDF2 scheme are still checked,
 * and `isCurrent` tells the login to store a new hash at this cost.
 */
export function scryptPasswordHasher(parameters = owaspScrypt): PasswordHasher {
  const legacy = pbkdf2PasswordHasher();
  const options = { N: 2 ** parameters.logN, r: parameters.r, p: parameters.p };
  return {
    async hash(password) {
      const salt = randomBytes(16);
      const key = await derive(password, salt, options);
      return `scrypt$ln=${parameters.logN},r=${parameters.r},p=${parameters.p}$${salt.toString('base64')}$${key.toString('base64')}`;
    },
    async verify(password, stored) {
      const match = FORMAT.exec(stored);
      if (!match) return stored.startsWith('pbkdf2-sha256$') && legacy.verify(password, stored);
      const [, logN, r, p, salt, hash] = match;
      const expected = Buffer.from(hash!, 'base64');
      const key = await derive(password, Buffer.from(salt!, 'base64'), { N: 2 ** Number(logN), r: Number(r), p: Number(p) });
      return key.length === expected.length && timingSafeEqual(key, expected);
    },
    isCurrent(stored) {
      const match = FORMAT.exec(stored);
      return match !== null && Number(match[1]) >= parameters.logN && Number(match[2]) >= parameters.r && Number(match[3]) >= parameters.p;
    },
  };
}
