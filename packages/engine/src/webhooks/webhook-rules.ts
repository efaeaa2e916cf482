import type { UrlGuard, UrlRefusal, WebhookTransport } from '../ports/webhooks.js';
import { noWebhookTransport } from '../ports/webhooks.js';
import { bytesToBase64, WEBHOOK_SECRET_PREFIX } from '@pay-box/contract';
import type { IdSource } from '../ports/ids.js';

/** 32 random base62 characters (190 bits) as the key bytes, written as Standard Webhooks secrets are: `whsec_<base64>`. Webhooks and connectors sign with these. */
export function newSigningSecret(ids: IdSource): string {
  return WEBHOOK_SECRET_PREFIX + bytesToBase64(new TextEncoder().encode(ids.secret(32)));
}

/** An endpoint that failed this many times in a row is disabled, and its comune's admins told. */
export const WEBHOOK_AUTO_DISABLE_AFTER_FAILURES = 100;
/** ... or that has failed without one success for this long: five days. */
export const WEBHOOK_AUTO_DISABLE_AFTER_MS = 5 * 24 * 60 * 60 * 1000;
/** After a rotation the old secret keeps signing beside the new one for a day, while consumers switch. */
export const WEBHOOK_SECRET_OVERLAP_MS = 24 * 60 * 60 * 1000;

const SECOND = 1000;
const MINUTE = 60 * SECOND;
const HOUR = 60 * MINUTE;

export interface WebhookOptions {
  /**
   * The webhook kind's retry policy: the wait before each retry. A delivery is tried once, then once
   * after each of these; when the last one fails too it is dead (the cap is their count plus one).
   */
  retryDelaysMs: number[];
  /** How long a consumer has to answer one POST. */
  timeoutMs: number;
  transport: WebhookTransport;
  urlGuard: UrlGuard;
}

/** Over about 17 hours: a consumer down for an afternoon still gets everything. */
export const defaultWebhookOptions: WebhookOptions = {
  retryDelaysMs: [5 * SECOND, 5 * MINUTE, 30 * MINUTE, 2 * HOUR, 5 * HOUR, 10 * HOUR],
  timeoutMs: 10 * SECOND,
  transport: noWebhookTransport,
  urlGuard: { check: async (url) => literalUrlRefusal(url) },
};

const ipv4 = /^(\d{1,3})\.(\d{1,3})\.(\d{1,3})\.(\d{1,3})$/;

/** Whether an IPv4 or IPv6 address is public: not loopback, private, link-local, unique-local, CGNAT, unspecified or multicast. */
export function isPublicAddress(address: string): boolean {
  const lower = address.toLowerCase().replace(/^\[|\]$/g, '');
  const v4 = ipv4.exec(lower.startsWith('::ffff:') ? lower.slice(7) : lower);
  if (v4) {
    const [a, b] = [Number(v4[1]), Number(v4[2])];
    if (a === 0 || a === 10 || a === 127 || a >= 224) return false;
    if (a === 169 && b === 254) return false;
    if (a === 172 && b >= 16 && b <= 31) return false;
    if (a === 192 && b === 168) return false;
    if (a === 100 && b >= 64 && b <= 127) return false;
    return true;
  }
  if (!lower.includes(':')) return false;
  const first = Number.parseInt(lower.split(':')[0] || '0', 16);
  if (first === 0) return false; // ::/8: unspecified, loopback, IPv4-mapped (::ffff:7f00:1 is 127.0.0.1), IPv4-compatible
  if ((first & 0xfe00) === 0xfc00) return false; // fc00::/7 unique local
  if ((first & 0xffc0) === 0xfe80) return false; // fe80::/10 link local
  if ((first & 0xff00) === 0xff00) return false; // multicast
  return true;
}

/** What can be said of a URL without resolving its host: https, and no non-public address written in it. */
export function literalUrlRefusal(url: string): UrlRefusal | undefined {
  let parsed: URL;
  try {
    parsed = new URL(url);
  } catch {
    return 'webhook_url_unresolvable';
  }
  if (parsed.protocol !== 'https:') return 'webhook_url_not_https';
  const host = parsed.hostname.replace(/^\[|\]$/g, '');
  if (host === 'localhost' || host.endsWith('.localhost')) return 'webhook_url_private';
  if ((ipv4.test(host) || host.includes(':')) && !isPublicAddress(host)) return 'webhook_url_private';
  return undefined;
}
