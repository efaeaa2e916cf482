/** A comune's webhook endpoint as stored: the secrets in clear, since each delivery signs with them. */
export interface WebhookEndpointRow {
  id: string;
  comuneId: string;
  url: string;
  description: string;
  events: string[];
  enabled: boolean;
  /** `whsec_<base64>`: signs every delivery. */
  secret: string;
  /** After a rotation, the old secret signs beside the new one until `previousSecretExpiresAt`. */
  previousSecret: string | null;
  previousSecretExpiresAt: string | null;
  consecutiveFailures: number;
  failingSince: string | null;
  autoDisabledAt: string | null;
  deletedAt: string | null;
  createdAt: string;
}

export type WebhookDeliveryStatus = 'pending' | 'delivered' | 'dead';

/** One event for one endpoint: its body is fixed when the event is recorded, so every retry sends the same bytes. */
export interface WebhookDeliveryRow {
  id: string;
  comuneId: string;
  endpointId: string;
  eventId: string;
  eventType: string;
  body: string;
  status: WebhookDeliveryStatus;
  /** Attempts since it was created or last redelivered by hand: what the retry policy counts. */
  attempts: number;
  nextAttemptAt: string | null;
  createdAt: string;
}

export interface WebhookAttemptRow {
  id: string;
  comuneId: string;
  deliveryId: string;
  at: string;
  statusCode: number | null;
  error: string | null;
  durationMs: number;
}

export interface WebhookRepository {
  /** A comune's endpoints, deleted ones left out, oldest first. */
  endpoints(comuneId: string): Promise<WebhookEndpointRow[]>;
  endpoint(comuneId: string, id: string): Promise<WebhookEndpointRow | undefined>;
  /** A comune's enabled endpoints: those that get deliveries of the events they subscribed to. */
  enabledEndpoints(comuneId: string): Promise<WebhookEndpointRow[]>;
  insertEndpoint(row: WebhookEndpointRow): Promise<void>;
  /** Writes every changeable field of an endpoint (the row as read and changed). */
  updateEndpoint(row: WebhookEndpointRow): Promise<void>;
  insertDelivery(row: WebhookDeliveryRow): Promise<void>;
  delivery(comuneId: string, id: string): Promise<WebhookDeliveryRow | undefined>;
  /** An endpoint's deliveries, newest first. */
  deliveries(comuneId: string, endpointId: string, limit: number): Promise<WebhookDeliveryRow[]>;
  updateDelivery(id: string, change: Pick<WebhookDeliveryRow, 'status' | 'attempts' | 'nextAttemptAt'>): Promise<void>;
  insertAttempt(row: WebhookAttemptRow): Promise<void>;
  /** The attempts of an endpoint's deliveries created at or after `fromCreatedAt`, oldest first. */
  attempts(endpointId: string, fromCreatedAt: string): Promise<WebhookAttemptRow[]>;
}

/** What a consumer answered: any status; a time-out or a refused connection is thrown instead. */
export interface WebhookResponse {
  status: number;
}

/** Sends one signed delivery: a POST with a time-out, outside any unit of work. */
export interface WebhookTransport {
  post(url: string, headers: Record<string, string>, body: string, options: { timeoutMs: number }): Promise<WebhookResponse>;
}

export type UrlRefusal = 'webhook_url_not_https' | 'webhook_url_private' | 'webhook_url_unresolvable';

/**
 * Checks that a URL a comune admin gave may be called: https, and every address its host resolves
 * to public. Asked when the URL is saved and again before each delivery (the DNS may have changed).
 */
export interface UrlGuard {
  check(url: string): Promise<UrlRefusal | undefined>;
}

/** Without a server's transport (the SDK's mock): deliveries fail and are retried like a consumer that is down. */
export const noWebhookTransport: WebhookTransport = {
  post: async () => {
    throw new Error('no webhook transport in this runtime');
  },
};
