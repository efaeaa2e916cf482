import type { EventBus } from '../events/event-bus.js';

/**
 * Payment requests waiting for their transfer's bank answer, by payment id: one listener on the
 * bus wakes exactly the request concerned, however many are waiting. Where another process may
 * record the answer (a shared store), each wait also asks the store every `pollMs`: an event that
 * does not arrive (a lost connection, a process killed after its commit) delays the answer, never
 * loses it.
 */
export class TransferWaits {
  private readonly waiting = new Map<string, Set<() => void>>();

  constructor(
    events: EventBus,
    private readonly pollMs?: number,
  ) {
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
        clearInterval(poll);
        wakers.delete(done);
        if (wakers.size === 0 && this.waiting.get(paymentId) === wakers) this.waiting.delete(paymentId);
        resolve();
      };
      const timer = setTimeout(done, timeoutMs);
      const ask = () => void answered().then((yes) => yes && done(), () => {});
      const poll = this.pollMs ? setInterval(ask, this.pollMs) : undefined;
      wakers.add(done);
      this.waiting.set(paymentId, wakers);
      ask();
    });
  }

  /** How many requests are waiting now (for tests and health). */
  get size(): number {
    return this.waiting.size;
  }
}
