import type { OutboxRow } from '../db/repositories/outbox.js';
import type { Logger } from '../log.js';
import { RailTimeoutError, type RailAnswer, type TransferRail } from '../rails/transfer-rail.js';
import type { ServiceContext } from '../services/context.js';
import { recordBankAnswer } from '../services/record-bank-answer.js';

export interface DispatcherOptions {
  /** SCT Inst completes within 10 s; past that the outcome is unknown and we ask the bank. */
  sendTimeoutMs: number;
  /** How long a claimed row is ours; a crash releases it when the lease runs out. */
  leaseMs: number;
  /** Poll interval when nothing wakes the dispatcher. */
  pollMs: number;
  /** Backoff between attempts: base, doubled per attempt, capped. */
  retryBaseMs: number;
  retryMaxMs: number;
  concurrency: number;
}

export const defaultDispatcherOptions: DispatcherOptions = {
  sendTimeoutMs: 10_000,
  leaseMs: 60_000,
  pollMs: 1_000,
  retryBaseMs: 500,
  retryMaxMs: 60_000,
  concurrency: 32,
};

/**
 * Sends each payment's transfer from the outbox, exactly once in effect. The send is counted and
 * committed before it leaves, so after a time-out or a crash the next attempt asks the bank for the
 * transfer's status first, and sends again only if the bank says it never received it.
 */
export class TransferDispatcher {
  private running = false;
  private readonly inFlight = new Set<Promise<void>>();
  private wake: (() => void) | undefined;
  /** Set by a kick that came while the loop was not asleep, so that it does not go to sleep. */
  private kicked = false;
  private loop: Promise<void> | undefined;
  private readonly unsubscribe: Array<() => void> = [];

  constructor(
    private readonly ctx: ServiceContext,
    private readonly rail: TransferRail,
    private readonly log: Logger,
    private readonly options: DispatcherOptions = defaultDispatcherOptions,
  ) {}

  start(): void {
    if (this.running) return;
    this.running = true;
    this.unsubscribe.push(
      this.rail.onAnswer((endToEndId, answer) => void this.apply(endToEndId, answer, 'notification')),
      this.ctx.events.on('outbox.enqueued', () => this.kick()),
    );
    this.loop = this.run();
  }

  /** Stops claiming, and waits for the dispatches under way (each bounded by the send time-out). */
  async stop(): Promise<void> {
    if (!this.running) return;
    this.running = false;
    this.unsubscribe.splice(0).forEach((off) => off());
    this.kick();
    await this.loop;
    await Promise.allSettled([...this.inFlight]);
  }

  kick(): void {
    this.kicked = true;
    this.wake?.();
  }

  private async run(): Promise<void> {
    while (this.running) {
      const free = this.options.concurrency - this.inFlight.size;
      const claimed = free > 0 ? await this.claim(free) : [];
      for (const row of claimed) {
        const dispatch = this.dispatch(row).finally(() => {
          this.inFlight.delete(dispatch);
          this.kick();
        });
        this.inFlight.add(dispatch);
      }
      if (claimed.length === 0 && this.running) await this.sleep();
    }
  }

  private claim(limit: number): Promise<OutboxRow[]> {
    const now = this.ctx.clock.now();
    const leaseUntil = new Date(now.getTime() + this.options.leaseMs).toISOString();
    return this.ctx.writes.run(() => this.ctx.repos.outbox.claimDue(now.toISOString(), leaseUntil, limit)).catch((error: unknown) => {
      this.log.error('outbox claim failed', { error: String(error) });
      return [];
    });
  }

  private sleep(): Promise<void> {
    if (this.kicked) {
      this.kicked = false;
      return Promise.resolve();
    }
    const nextDue = this.ctx.repos.outbox.nextDueAt();
    const untilDue = nextDue ? Date.parse(nextDue) - this.ctx.clock.now().getTime() : this.options.pollMs;
    const delay = Math.max(5, Math.min(this.options.pollMs, untilDue));
    return new Promise((resolve) => {
      const done = () => {
        clearTimeout(timer);
        this.kicked = false;
        this.wake = undefined;
        resolve();
      };
      const timer = setTimeout(done, delay);
      this.wake = done;
    });
  }

  private async dispatch(row: OutboxRow): Promise<void> {
    const transfer = this.ctx.repos.transfers.get(row.subjectId);
    if (!transfer) return;
    const endToEndId = transfer.paymentId;
    const timeoutMs = this.options.sendTimeoutMs;
    try {
      if (transfer.status !== 'pending') {
        await this.ctx.writes.run(() => this.ctx.repos.outbox.completeSubject('transfer', transfer.id, this.ctx.clock.now().toISOString()));
        return;
      }
      if (transfer.sendAttempts > 0) {
        const status = await this.rail.status(endToEndId, { timeoutMs });
        if (status.outcome === 'processing') return await this.retryLater(row, endToEndId, 'bank is still processing the transfer');
        if (status.outcome !== 'unknown') return void (await this.apply(endToEndId, status, 'status'));
        this.log.warn('bank never received the transfer: sending it', { paymentId: endToEndId, attempt: transfer.sendAttempts + 1 });
      }
      await this.ctx.writes.run(() => this.ctx.repos.transfers.countSendAttempt(transfer.id));
      const answer = await this.rail.send(
        { endToEndId, amount: transfer.amount, creditorName: transfer.creditorName, creditorIban: transfer.creditorIban, remittance: transfer.remittance },
        { timeoutMs },
      );
      await this.apply(endToEndId, answer, 'send');
    } catch (error) {
      const reason = error instanceof RailTimeoutError ? 'bank did not answer in time' : String(error);
      await this.retryLater(row, endToEndId, reason);
    }
  }

  private async retryLater(row: OutboxRow, paymentId: string, reason: string): Promise<void> {
    const backoff = Math.min(this.options.retryMaxMs, this.options.retryBaseMs * 2 ** Math.max(0, row.attempts - 1));
    const jittered = backoff / 2 + Math.random() * (backoff / 2);
    const at = new Date(this.ctx.clock.now().getTime() + jittered).toISOString();
    this.log.warn('transfer will be retried', { paymentId, transferId: row.subjectId, attempt: row.attempts, reason });
    await this.ctx.writes.run(() => this.ctx.repos.outbox.retryLater(row.id, at, reason)).catch((error: unknown) => {
      // The lease runs out by itself; the row is retried then.
      this.log.error('could not reschedule transfer', { paymentId, transferId: row.subjectId, error: String(error) });
    });
  }

  private async apply(endToEndId: string, answer: RailAnswer, via: 'send' | 'status' | 'notification'): Promise<void> {
    try {
      const effect = await recordBankAnswer(this.ctx, endToEndId, answer);
      if (effect === 'settled' && answer.outcome === 'settled') {
        this.log.info('transfer settled', { paymentId: endToEndId, bankReference: answer.bankReference, via });
      } else if (effect === 'already_recorded') {
        this.log.debug('repeated bank answer ignored', { paymentId: endToEndId, via });
      } else if (effect === 'conflicting_answer') {
        this.log.error('bank answer contradicts the books: check with the bank for a duplicate or lost transfer', { paymentId: endToEndId, answer, via });
      } else if (effect === 'rejected') {
        this.log.warn('transfer rejected by the bank: operator follow-up needed', { paymentId: endToEndId, answer, via });
      } else if (effect === 'unknown_transfer') {
        this.log.error('bank answered for an unknown payment', { paymentId: endToEndId, via });
      }
    } catch (error) {
      this.log.error('could not record bank answer', { paymentId: endToEndId, error: String(error), via });
    }
  }
}
