import { createPayBox, type PayBox } from '@pay-box/sdk';
import type { WidgetLocale } from './locale.js';

const clients = new Map<string, PayBox>();

/**
 * One SDK client per server, publishable key and language, shared by the widgets of a page.
 * The language is the client's because the server's error messages come in it.
 */
export function clientFor(baseUrl: string, publishableKey: string, locale: WidgetLocale): PayBox {
  const key = `${baseUrl}\n${publishableKey}\n${locale}`;
  let client = clients.get(key);
  if (!client) clients.set(key, (client = createPayBox({ baseUrl, apiKey: publishableKey, locale })));
  return client;
}
