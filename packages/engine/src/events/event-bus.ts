import type { EventChannel } from '../ports/event-channel.js';
import type { Logger } from '../ports/logger.js';
import type { OutboxKind } from '../ports/rows.js';

/**
 * State changes others wait for: a payment request for its bank reference, later the cruscotto and
 * webhooks. Connected to a channel, each reaches every process on the same store, unless it is local.
 */
export interface PayBoxEvents {
  'transfer.settled': { paymentId: string; bankReference: string };
  'transfer.rejected': { paymentId: string; reason: string };
  /** A comune's feed of events grew (a commit appended to it): its live readers read on. */
  'events.appended': { comuneId: string };
  /** New or rescheduled outbox work: wakes this process's worker without waiting for its next poll. */
  'outbox.enqueued': { kind: OutboxKind; subjectId: string };
}

type Listener<K extends keyof PayBoxEvents> = (event: PayBoxEvents[K]) => void;

/** Events that only concern the process that emits them; every other one reaches the processes sharing the store. */
type LocalEvent = 'outbox.enqueued';
type SharedEvent = Exclude<keyof PayBoxEvents, LocalEvent>;

interface Envelope {
  /** The process that published it: it has delivered it already. */
  origin: string;
  name: SharedEvent;
  event: PayBoxEvents[SharedEvent];
}

const isText = (value: unknown): value is string => typeof value === 'string' && value.length > 0 && value.length <= 200;

/**
 * How each shared event is read from another process, field by field: another process's bug must
 * not reach a listener. A new event must say how it is read here, or it does not compile.
 */
const readShared: { [K in SharedEvent]: (fields: Record<string, unknown>) => PayBoxEvents[K] | undefined } = {
  'transfer.settled': ({ paymentId, bankReference }) => (isText(paymentId) && isText(bankReference) ? { paymentId, bankReference } : undefined),
  'transfer.rejected': ({ paymentId, reason }) => (isText(paymentId) && typeof reason === 'string' ? { paymentId, reason } : undefined),
  'events.appended': ({ comuneId }) => (isText(comuneId) ? { comuneId } : undefined),
};

const isShared = (name: keyof PayBoxEvents): name is SharedEvent => Object.hasOwn(readShared, name);

function envelopeOf(message: string): Envelope | undefined {
  let parsed: unknown;
  try {
    parsed = JSON.parse(message);
  } catch {
    return undefined;
  }
  if (typeof parsed !== 'object' || parsed === null) return undefined;
  const { origin, name, event } = parsed as Record<string, unknown>;
  if (!isText(origin) || typeof name !== 'string' || !isShared(name as keyof PayBoxEvents) || typeof event !== 'object' || event === null) return undefined;
  const read = readShared[name as SharedEvent](event as Record<string, unknown>);
  return read && { origin, name: name as SharedEvent, event: read };
}

/** Events, in process; connected to a channel, the shared ones also reach every process on the same store. */
export class EventBus {
  private readonly listeners = new Map<keyof PayBoxEvents, Set<Listener<never>>>();
  private relay: { channel: EventChannel; origin: string; log: Logger } | undefined;

  emit<K extends keyof PayBoxEvents>(name: K, event: PayBoxEvents[K]): void {
    this.deliver(name, event);
    if (!this.relay || !isShared(name)) return;
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
