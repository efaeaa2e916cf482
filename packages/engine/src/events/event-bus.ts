/** State changes others wait for: a payment request for its bank reference, later the cruscotto and webhooks. */
export interface PayBoxEvents {
  'transfer.settled': { paymentId: string; bankReference: string };
  'transfer.rejected': { paymentId: string; reason: string };
  /** New or rescheduled outbox work: wakes the worker without waiting for its next poll. */
  'outbox.enqueued': { kind: 'transfer'; subjectId: string };
}

type Listener<K extends keyof PayBoxEvents> = (event: PayBoxEvents[K]) => void;

/** In-process events, with no runtime dependency (Node, browsers, workers). */
export class EventBus {
  private readonly listeners = new Map<keyof PayBoxEvents, Set<Listener<never>>>();

  emit<K extends keyof PayBoxEvents>(name: K, event: PayBoxEvents[K]): void {
    for (const listener of this.listeners.get(name) ?? []) (listener as Listener<K>)(event);
  }

  on<K extends keyof PayBoxEvents>(name: K, listener: Listener<K>): () => void {
    const set = this.listeners.get(name) ?? new Set();
    set.add(listener as Listener<never>);
    this.listeners.set(name, set);
    return () => set.delete(listener as Listener<never>);
  }
}
