/**
 * SHA-256 of a text, lower-case hex: how API keys are stored and requests fingerprinted. A port, so
 * that a runtime with a faster one gives it (Node's `createHash` answers at once; Web Crypto's
 * digest is a round trip to a worker thread, which showed in the payment path's profile).
 */
export type Sha256 = (text: string) => string | Promise<string>;

const hex = (buffer: ArrayBuffer): string => Array.from(new Uint8Array(buffer), (byte) => byte.toString(16).padStart(2, '0')).join('');

/** The portable default, through Web Crypto (Node, browsers, Deno, workers). */
export const webCryptoSha256: Sha256 = async (text) => hex(await crypto.subtle.digest('SHA-256', new TextEncoder().encode(text)));
