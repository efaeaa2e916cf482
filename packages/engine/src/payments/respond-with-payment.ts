import type { Payment } from '@pay-box/contract';
import type { EngineContext } from '../context.js';
import { announceEvents } from '../events/record-event.js';
import { paymentView } from '../views/payment-view.js';
import type { CollectedPayment } from './collect-payment.js';
import type { IdempotentOutcome } from './idempotency.js';

export interface PaymentOutcome {
  payment: Payment;
  /** True when this answers a retry of an earlier request with the same Idempotency-Key. */
  replayed: boolean;
}

/** `work`'s value, or undefined after `ms` if it takes longer; the timer never outlives the race. */
async function within<T>(work: Promise<T>, ms: number): Promise<T | undefined> {
  let timer: ReturnType<typeof setTimeout> | undefined;
  const value = await Promise.race([work, new Promise<undefined>((resolve) => (timer = setTimeout(() => resolve(undefined), ms)))]);
  clearTimeout(timer);
  return value;
}

/**
 * A new payment's transfer leaves right after its commit; the request waits a bounded time for the
 * bank's answer (to its own send, or to a retry after it, here or on another instance), then answers
 * with the payment as committed and its transfer as it now stands (with the CRO/TRN, or still
 * `pending`: the receipt can be printed again later). A replay waits the same way for the first
 * request's transfer, and reads the payment.
 */
export async function respondWithPayment(ctx: EngineContext, outcome: IdempotentOutcome<CollectedPayment>): Promise<PaymentOutcome> {
  const { paymentId } = outcome;
  const waitMs = ctx.settings.transferWaitMs;
  const transferNow = async () => (await ctx.store.read((tx) => tx.transfers.byPayment(paymentId)))!;
  const answered = async () => (await transferNow()).status !== 'pending';
  if ('created' in outcome) {
    announceEvents(ctx.events, outcome.created.payment.comuneId);
    const deadline = Date.now() + waitMs;
    // Settled by its own send, as usual, the transfer is known as recorded: no need to read it back.
    let transfer = (await within(ctx.dispatcher.sendCounted(outcome.created.transfer), waitMs)) ?? (await transferNow());
    // The send failed or the bank is still processing: a retry (here, or on another instance) may yet answer in time.
    if (transfer.status === 'pending' && deadline > Date.now()) {
      await ctx.transferWaits.wait(paymentId, deadline - Date.now(), answered);
      transfer = await transferNow();
    }
    const { id, status, bankReference, settledAt } = transfer;
    return { payment: { ...outcome.created.payment, transfer: { id, status, bankReference, settledAt } }, replayed: false };
  }
  await ctx.transferWaits.wait(paymentId, waitMs, answered);
  const payment = await ctx.store.read((tx) => paymentView(tx, (comuneId) => ctx.catalogue.get(tx, comuneId), paymentId));
  return { payment, replayed: true };
}
