import type { EngineContext } from '../context.js';
import { accounts } from '../ledger/accounts.js';
import { post } from '../ledger/ledger.js';
import type { RailAnswer } from '../ports/transfer-rail.js';

export type BankAnswerEffect = 'settled' | 'rejected' | 'already_recorded' | 'conflicting_answer' | 'unknown_transfer';

/**
 * Applies the bank's answer for a payment's transfer, once, in one unit of work with the outbox
 * row's completion: the first settled answer stores the CRO/TRN and posts the settlement; a repeated
 * answer (late, duplicate) changes nothing. An answer that contradicts the books (another reference,
 * settled after rejected, a reference the bank already gave another transfer) may mean money moved
 * twice: it is reported, never booked.
 */
export async function recordBankAnswer(ctx: Pick<EngineContext, 'store' | 'clock' | 'ids' | 'events'>, endToEndId: string, answer: RailAnswer): Promise<BankAnswerEffect> {
  const effect = await ctx.store.transaction(async (tx): Promise<BankAnswerEffect> => {
    const transfer = await tx.transfers.byPayment(endToEndId, { lock: true });
    if (!transfer) return 'unknown_transfer';
    const now = ctx.clock.now();
    if (transfer.status !== 'pending') {
      const repeats = answer.outcome === 'settled' ? answer.bankReference === transfer.bankReference : transfer.status === 'rejected';
      return repeats ? 'already_recorded' : 'conflicting_answer';
    }
    if (answer.outcome === 'settled' && (await tx.transfers.byBankReference(answer.bankReference))) return 'conflicting_answer';
    if (answer.outcome === 'rejected') {
      await tx.transfers.markRejected(transfer.id, `${answer.reasonCode} ${answer.reason}`);
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
      await tx.transfers.markSettled(transfer.id, answer.bankReference, now.toISOString(), settlement);
    }
    await tx.outbox.completeSubject('transfer', transfer.id, now.toISOString());
    return answer.outcome;
  });
  if (effect === 'settled' && answer.outcome === 'settled') ctx.events.emit('transfer.settled', { paymentId: endToEndId, bankReference: answer.bankReference });
  if (effect === 'rejected' && answer.outcome === 'rejected') ctx.events.emit('transfer.rejected', { paymentId: endToEndId, reason: answer.reason });
  return effect;
}
