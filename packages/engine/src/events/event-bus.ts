import type { EventChannel } from '../ports/event-channel.js';
import type { Logger } from '../ports/logger.js';

/** State changes others wait for: a payment request for its bank reference, later the cruscotto and webhooks. */
export interface PayBoxEvents {
  'transfer.settled': { paymentId: string; bankReference: string };
  'transfer.rejected': { paymentId: string; reason: string };
  /** New or rescheduled outbox work: wakes this process's worker without waiting for its next poll. */
  'outbox.enqueued': { kind: 'transfer'; subjectId: string };
}

type Listener<K extends keyof PayBoxEvents> = (event: PayBoxEvents[K]) => void;

/** What the other processes sharing the store must hear too; the outbox wake-up is this process's own. */
type SharedEvent = 'transfer.settled' | 'transfer.rejected';

interface Envelope {
  /** The process that published it: it has delivered it already. */
  origin: string;
  name: SharedEvent;
  event: PayBoxEvents[SharedEvent];
}

const isText = (value: unknown): value is string => typeof value === 'string' && value.length > 0 && value.length <= 200;

/** A message from the channel, checked field by field: another process's bug must not reach a listener. */
function envelopeOf(message: string): Envelope | undefined {
  let parsed: unknown;
  try {
    parsed = JSON.parse(message);
  } catch {
    return undefined;
  }
  if (typeof parsed !== 'object' || parsed === null) return undefined;
  const { origin, name, event } = parsed as Record<string, unknown>;
  if (!isText(origin) || typeof event !== 'object' || event === null) return undefined;
  const fields = event as Record<string, unknown>;
  if (name === 'transfer.settled' && isText(fields.paymentId) && isText(fields.bankReference)) {
    return { origin, name, event: { paymentId: fields.paymentId, bankReference: fields.bankReference } };
  }
  if (name === 'transfer.rejected' && isText(fields.paymentId) && typeof fields.reason === 'string') {
    return { origin, name, event: { paymentId: fields.paymentId, reason: fields.reason } };
  }
  return undefined;
}

/** Events, in process; connected to a channel, the shared ones also reach every process on the same store. */
export class EventBus {
  private readonly listeners = new Map<keyof PayBoxEvents, Set<Listener<never>>>();
  private relay: { channel: EventChannel; origin: string; log: Logger } | undefined;

  emit<K extends keyof PayBoxEvents>(name: K, event: PayBoxEvents[K]): void {
    this.deliver(name, event);
    if (!this.relay || (name !== 'transfer.settled' && name !== 'transfer.rejected')) return;
    const { channel, origin, log } = this.relay;
    channel.publish(JSON.stringify({ origin, name, event })).catch((error: unknown) => log.warn('event not relayed to the other instances', { name, error: String(error) }));
  }

  on<K extends keyof PayBoxEvents>(name: K, listener: Listener<K>): () => void {
    const set = this.listeners.get(name) ?? new Set();
    set.add(listener as Listener<never>);
    this.listeners.set(name, set);
    return () => set.delete(listener as Listener<never>);
  }

  /** Relays the shared events through `channel`, marked with `origin`, and delivers the other processes' here. Returns the disconnect. */
  connect(channel: EventChannel, origin: string, log: Logger): () => void {
    this.relay = { channel, origin, log };
    const unsubscribe = channel.subscribe((message) => {
      const envelope = envelopeOf(message);
      if (!envelope) return log.warn('unreadable event from another instance ignored', { length: message.length });
      if (envelope.origin !== origin) this.deliver(envelope.name, envelope.event);
    });
    return () => {
      unsubscribe();
      this.relay = undefined;
    };
  }

  private deliver<K extends keyof PayBoxEvents>(name: K, event: PayBoxEvents[K]): void {
    for (const listener of this.listeners.get(name) ?? []) (listener as Listener<K>)(event);
  }
}
