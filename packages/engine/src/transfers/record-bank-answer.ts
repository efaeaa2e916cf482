import type { Payment } from '@pay-box/contract';
import type { EngineContext } from '../context.js';
import { accounts } from '../ledger/accounts.js';
import { post } from '../ledger/ledger.js';
import type { RailAnswer } from '../ports/transfer-rail.js';
import { announceEvents, recordEvent } from '../events/record-event.js';
import { endToEndIdOf, paymentIdOf } from './end-to-end-id.js';

export type BankAnswerEffect = 'settled' | 'rejected' | 'already_recorded' | 'conflicting_answer' | 'unknown_transfer';

/** What recording an answer did, and the transfer as it settled then: a payment's answer shows it without reading it back. */
export interface RecordedAnswer {
  effect: BankAnswerEffect;
  settled?: Payment['transfer'];
}

/**
 * Applies the bank's answer for a payment's transfer, once, in one unit of work with the outbox
 * row's completion: the first settled answer stores the CRO/TRN and posts the settlement; a repeated
 * answer (late, duplicate) changes nothing. An answer that contradicts the books (another reference,
 * settled after rejected, a reference the bank already gave another transfer) may mean money moved
 * twice: it is reported, never booked.
 */
export async function recordBankAnswer(ctx: Pick<EngineContext, 'store' | 'clock' | 'ids' | 'events'>, endToEndId: string, answer: RailAnswer): Promise<RecordedAnswer> {
  const paymentId = paymentIdOf(endToEndId);
  let comuneId: string | undefined;
  let settled: Payment['transfer'] | undefined;
  const effect = await ctx.store.transaction(async (tx): Promise<BankAnswerEffect> => {
    // A unit of work may run again (see Store): what a first run set must not outlive it.
    [comuneId, settled] = [undefined, undefined];
    const transfer = await tx.transfers.byPayment(paymentId, { lock: true });
    if (!transfer) return 'unknown_transfer';
    const now = ctx.clock.now();
    // An answer about a send before a retry: that send was rejected, which is recorded already.
    if (endToEndIdOf(transfer) !== endToEndId) return answer.outcome === 'rejected' ? 'already_recorded' : 'conflicting_answer';
    if (transfer.status !== 'pending') {
      const repeats = answer.outcome === 'settled' ? answer.bankReference === transfer.bankReference : transfer.status === 'rejected';
      return repeats ? 'already_recorded' : 'conflicting_answer';
    }
    if (answer.outcome === 'settled' && (await tx.transfers.byBankReference(answer.bankReference))) return 'conflicting_answer';
    const at = now.toISOString();
    comuneId = transfer.comuneId;
    if (answer.outcome === 'rejected') {
      const rejectReason = `${answer.reasonCode} ${answer.reason}`;
      await tx.transfers.markRejected(transfer.id, rejectReason);
      await recordEvent(tx, ctx.ids, { comuneId, type: 'transfer.failed', subjectId: paymentId, data: { paymentId, transferId: transfer.id, endToEndId, rejectReason } }, at);
    } else {
      const settlement = await post(
        tx,
        ctx.ids,
        'settlement',
        transfer.id,
        transfer.comuneId,
        [
          { account: accounts.comunePayable(transfer.comuneId), amount: transfer.amount },
          { account: accounts.institutionBank(), amount: -transfer.amount },
        ],
        now,
      );
      await tx.transfers.markSettled(transfer.id, answer.bankReference, at, settlement);
      settled = { id: transfer.id, status: 'settled', bankReference: answer.bankReference, settledAt: at };
      await recordEvent(tx, ctx.ids, { comuneId, type: 'transfer.settled', subjectId: paymentId, data: { paymentId, transferId: transfer.id, endToEndId, bankReference: answer.bankReference } }, at);
    }
    await tx.outbox.completeSubject('transfer', transfer.id, now.toISOString());
    return answer.outcome;
  });
  if ((effect === 'settled' || effect === 'rejected') && comuneId) announceEvents(ctx.events, comuneId);
  if (effect === 'settled' && answer.outcome === 'settled') ctx.events.emit('transfer.settled', { paymentId, bankReference: answer.bankReference });
  if (effect === 'rejected' && answer.outcome === 'rejected') ctx.events.emit('transfer.rejected', { paymentId, reason: answer.reason });
  return { effect, settled };
}
