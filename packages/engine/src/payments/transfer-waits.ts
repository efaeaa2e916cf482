import type { EventBus } from '../events/event-bus.js';

/**
 * Payment requests waiting for their transfer's bank answer, by payment id: one listener on the
 * bus wakes exactly the request concerned, however many are waiting.
 */
export class TransferWaits {
  private readonly waiting = new Map<string, Set<() => void>>();

  constructor(events: EventBus) {
    const wake = ({ paymentId }: { paymentId: string }) => {
      const wakers = this.waiting.get(paymentId);
      this.waiting.delete(paymentId);
      wakers?.forEach((waker) => waker());
    };
    events.on('transfer.settled', wake);
    events.on('transfer.rejected', wake);
  }

  /**
   * Resolves when the payment's transfer is answered, or after `timeoutMs` with it still pending:
   * the caller answers either way, and the receipt can be printed again later. `answered` is
   * checked after registering, so an answer between the caller's read and the wait is not missed.
   */
  wait(paymentId: string, timeoutMs: number, answered: () => Promise<boolean>): Promise<void> {
    return new Promise((resolve) => {
      const wakers = this.waiting.get(paymentId) ?? new Set<() => void>();
      const done = () => {
        clearTimeout(timer);
        wakers.delete(done);
        if (wakers.size === 0 && this.waiting.get(paymentId) === wakers) this.waiting.delete(paymentId);
        resolve();
      };
      const timer = setTimeout(done, timeoutMs);
      wakers.add(done);
      this.waiting.set(paymentId, wakers);
      void answered().then((yes) => yes && done(), () => {});
    });
  }

  /** How many requests are waiting now (for tests and health). */
  get size(): number {
    return this.waiting.size;
  }
}
