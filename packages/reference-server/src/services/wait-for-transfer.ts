import type { ServiceContext } from './context.js';

/**
 * Resolves when the payment's transfer is settled or rejected, or after `timeoutMs` with it still
 * pending: the caller answers either way, and the receipt can be printed again later.
 */
export function waitForTransfer(ctx: ServiceContext, paymentId: string, timeoutMs: number): Promise<void> {
  return new Promise((resolve) => {
    const done = () => {
      clearTimeout(timer);
      offSettled();
      offRejected();
      resolve();
    };
    const offSettled = ctx.events.on('transfer.settled', (event) => event.paymentId === paymentId && done());
    const offRejected = ctx.events.on('transfer.rejected', (event) => event.paymentId === paymentId && done());
    const timer = setTimeout(done, timeoutMs);
    // Checked after subscribing, so an answer between the check and the subscription is not missed.
    if (ctx.repos.transfers.byPayment(paymentId)?.status !== 'pending') done();
  });
}
