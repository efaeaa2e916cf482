import { lookup } from 'node:dns/promises';
import { isIP } from 'node:net';
import { isPublicAddress, literalUrlRefusal, type UrlGuard, type WebhookTransport } from '@pay-box/engine';

/** A resolver that does not answer in this time counts as no address: a delivery's lease must outlast its checks. */
const DNS_TIMEOUT_MS = 5_000;

const noAnswerAfter = (ms: number) => new Promise<[]>((resolve) => setTimeout(() => resolve([]), ms).unref());

/**
 * The URL rules of webhooks on Node: https, and every address the host resolves to public, so a
 * comune admin's form cannot make the server call its own network (server-side request forgery).
 * `allowPrivate` (PAYBOX_WEBHOOKS_ALLOW_PRIVATE=true: the demo and tests) lifts both rules.
 */
export function nodeUrlGuard(allowPrivate: boolean): UrlGuard {
  return {
    async check(url) {
      if (allowPrivate) return URL.canParse(url) ? undefined : 'webhook_url_unresolvable';
      const literal = literalUrlRefusal(url);
      if (literal) return literal;
      const host = new URL(url).hostname.replace(/^\[|\]$/g, '');
      if (isIP(host)) return undefined;
      const addresses = await Promise.race([lookup(host, { all: true, verbatim: true }).catch(() => []), noAnswerAfter(DNS_TIMEOUT_MS)]);
      if (addresses.length === 0) return 'webhook_url_unresolvable';
      return addresses.every(({ address }) => isPublicAddress(address)) ? undefined : 'webhook_url_private';
    },
  };
}

/** POSTs with fetch and a time-out; redirects are not followed (a redirect could lead to a private address). */
export const fetchWebhookTransport: WebhookTransport = {
  async post(url, headers, body, { timeoutMs }) {
    const response = await fetch(url, { method: 'POST', headers, body, redirect: 'manual', signal: AbortSignal.timeout(timeoutMs) });
    await response.body?.cancel();
    return { status: response.status };
  },
};
