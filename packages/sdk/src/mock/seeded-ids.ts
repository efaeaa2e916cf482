import { BASE62, CROCKFORD32, groupedCode, type IdSource } from '@pay-box/engine';

/**
 * Ids, keys and codes in the reference server's formats, from a seed: the same seed gives the same
 * fake. A small, fast PRNG with a 32-bit state (mulberry32): plenty for test data, never for secrets.
 */
export function seededIds(seed: number): IdSource {
  let state = seed >>> 0;
  const next = () => {
    state = (state + 0x6d2b79f5) >>> 0;
    let t = state;
    t = Math.imul(t ^ (t >>> 15), t | 1);
    t ^= t + Math.imul(t ^ (t >>> 7), t | 61);
    return ((t ^ (t >>> 14)) >>> 0) / 4_294_967_296;
  };
  const draw = (length: number, alphabet: string) => Array.from({ length }, () => alphabet[Math.floor(next() * alphabet.length)]).join('');
  return {
    id: (prefix) => `${prefix}_${draw(20, BASE62)}`,
    secret: (length) => draw(length, BASE62),
    verificationCode: () => groupedCode(draw(12, CROCKFORD32)),
  };
}
