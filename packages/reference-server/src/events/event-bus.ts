import { EventEmitter } from 'node:events';

/** State changes others wait for: a payment request for its bank reference, later the cruscotto and webhooks. */
export interface PayBoxEvents {
  'transfer.settled': { paymentId: string; bankReference: string };
  'transfer.rejected': { paymentId: string; reason: string };
  /** New outbox work was committed: wakes the dispatcher without waiting for its next poll. */
  'outbox.enqueued': { kind: 'transfer'; subjectId: string };
}

export class EventBus {
  private readonly emitter = new EventEmitter().setMaxListeners(0);

  emit<K extends keyof PayBoxEvents>(name: K, event: PayBoxEvents[K]): void {
    this.emitter.emit(name, event);
  }

  on<K extends keyof PayBoxEvents>(name: K, listener: (event: PayBoxEvents[K]) => void): () => void {
    this.emitter.on(name, listener);
    return () => this.emitter.off(name, listener);
  }
}
