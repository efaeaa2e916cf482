import type { Payment } from '@pay-box/contract';
import type { EngineContext } from '../context.js';
import { InFlight } from '../outbox/in-flight.js';
import { retryLater } from '../outbox/retry-later.js';
import type { OutboxRow, TransferRow } from '../ports/rows.js';
import { RailTimeoutError, type RailAnswer, type TransferOrder } from '../ports/transfer-rail.js';
import { endToEndIdOf } from './end-to-end-id.js';
import { recordBankAnswer } from './record-bank-answer.js';

/** A transfer ready to leave: its outbox row leased and its send already counted by the unit of work that created it. */
export interface CountedSend {
  outbox: Pick<OutboxRow, 'id' | 'subjectId' | 'failures'>;
  order: TransferOrder;
}

export const transferOrder = (transfer: TransferRow): TransferOrder => ({
  endToEndId: endToEndIdOf(transfer),
  amount: transfer.amount,
  creditorName: transfer.creditorName,
  creditorIban: transfer.creditorIban,
  remittance: transfer.remittance,
});

/**
 * Sends each payment's transfer exactly once in effect. A send is counted and committed before it
 * leaves, so after a time-out or a crash the next attempt asks the bank for the transfer's status
 * first, and sends again only if the bank says it never received it. The bank's answer and the
 * outbox row's completion are one commit.
 */
export class TransferDispatcher {
  private readonly inFlight = new InFlight();

  constructor(private readonly ctx: Omit<EngineContext, 'dispatcher' | 'cardOperations'>) {}

  /**
   * Right after the payment's commit: the row was created leased and the attempt counted, so it leaves
   * at once. Resolves with the transfer as this send's answer settled it, if it did.
   */
  sendCounted(send: CountedSend): Promise<Payment['transfer'] | undefined> {
    return this.inFlight.track(this.send(send));
  }

  /** An outbox row the worker claimed: a recovery, a retry, or work a crashed run left behind. */
  dispatch(row: OutboxRow): Promise<void> {
    return this.inFlight.track(this.resume(row));
  }

  /** A bank answer from any path (the send's reply, a status, a notification). */
  async applyAnswer(endToEndId: string, answer: RailAnswer, via: 'send' | 'status' | 'notification'): Promise<Payment['transfer'] | undefined> {
    const { log } = this.ctx;
    try {
      const { effect, settled } = await recordBankAnswer(this.ctx, endToEndId, answer);
      if (effect === 'settled' && answer.outcome === 'settled') {
        log.info('transfer settled', { paymentId: endToEndId, bankReference: answer.bankReference, via });
      } else if (effect === 'already_recorded') {
        log.debug('repeated bank answer ignored', { paymentId: endToEndId, via });
      } else if (effect === 'conflicting_answer') {
        log.error('bank answer contradicts the books: check with the bank for a duplicate or lost transfer', { paymentId: endToEndId, answer, via });
      } else if (effect === 'rejected') {
        log.warn('transfer rejected by the bank: operator follow-up needed', { paymentId: endToEndId, answer, via });
      } else if (effect === 'unknown_transfer') {
        log.error('bank answered for an unknown payment', { paymentId: endToEndId, via });
      }
      return settled;
    } catch (error) {
      log.error('could not record bank answer', { paymentId: endToEndId, error: String(error), via });
      return undefined;
    }
  }

  /** Waits for every send and dispatch under way (each bounded by the send time-out). */
  idle(): Promise<void> {
    return this.inFlight.idle();
  }

  get busy(): number {
    return this.inFlight.size;
  }

  private async resume(row: OutboxRow): Promise<void> {
    const { store, rail, dispatch } = this.ctx;
    const transfer = await store.read((tx) => tx.transfers.get(row.subjectId));
    if (!transfer) {
      this.ctx.log.error('outbox row for an unknown transfer', { outboxId: row.id, transferId: row.subjectId });
      return;
    }
    const endToEndId = endToEndIdOf(transfer);
    try {
      if (transfer.status !== 'pending') {
        await store.transaction((tx) => tx.outbox.completeSubject('transfer', transfer.id, this.ctx.clock.now().toISOString()));
        return;
      }
      if (transfer.sendAttempts > 0) {
        const status = await rail.status(endToEndId, { timeoutMs: dispatch.sendTimeoutMs });
        if (status.outcome === 'processing') return await this.retryLater(row, endToEndId, 'bank is still processing the transfer');
        if (status.outcome !== 'unknown') return void (await this.applyAnswer(endToEndId, status, 'status'));
        this.ctx.log.warn('bank never received the transfer: sending it', { paymentId: endToEndId, attempt: transfer.sendAttempts + 1 });
      }
      await store.transaction((tx) => tx.transfers.countSendAttempt(transfer.id));
    } catch (error) {
      return this.retryLater(row, endToEndId, reasonOf(error));
    }
    await this.send({ outbox: row, order: transferOrder(transfer) });
  }

  private async send({ outbox, order }: CountedSend): Promise<Payment['transfer'] | undefined> {
    try {
      const answer = await this.ctx.rail.send(order, { timeoutMs: this.ctx.dispatch.sendTimeoutMs });
      if (answer.outcome !== 'processing') return await this.applyAnswer(order.endToEndId, answer, 'send');
      await this.retryLater(outbox, order.endToEndId, 'bank is processing the transfer');
    } catch (error) {
      await this.retryLater(outbox, order.endToEndId, reasonOf(error));
    }
    return undefined;
  }

  private retryLater(row: Pick<OutboxRow, 'id' | 'subjectId' | 'failures'>, paymentId: string, reason: string): Promise<void> {
    return retryLater(this.ctx, 'transfer', row, reason, { paymentId, transferId: row.subjectId });
  }
}

function reasonOf(error: unknown): string {
  return error instanceof RailTimeoutError ? 'bank did not answer in time' : String(error);
}
