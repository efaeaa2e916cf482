import { faultPicker, type FaultName, type FaultPlan } from './fault-plan.js';
import { SandboxBankBook, type BookedTransfer } from './sandbox-bank-book.js';
import { rejectionFor, type Rejection } from './transfer-validation.js';
import { RailTimeoutError, type RailAnswer, type RailStatus, type TransferOrder, type TransferRail } from './transfer-rail.js';

export interface SandboxBankOptions {
  /** Its own SQLite file (e.g. `<dataDir>/sandbox-bank.sqlite`), never the server's; `:memory:` in tests. */
  file: string;
  faults?: FaultPlan;
  random?: () => number;
  /** How long the bank takes to answer. Default 20 ms. */
  latencyMs?: number;
  /** With the `late` fault: how long after the caller's time-out the settled answer arrives. Default 2 s. */
  lateAnswerMs?: number;
  now?: () => Date;
}

const closedAccount: Rejection = { reasonCode: 'AC04', reason: 'Closed account number' };

type AnswerListener = (endToEndId: string, answer: RailAnswer) => void;
interface PendingWait {
  timer: ReturnType<typeof setTimeout>;
  abandon: () => void;
}

/**
 * A stand-in for the bank that carries SEPA Instant transfers to the comuni's treasuries: it validates
 * like a bank, books every transfer it receives in its own database and can fail on purpose (see FaultPlan).
 */
export class SandboxBank implements TransferRail {
  private readonly book: SandboxBankBook;
  private readonly nextFault: () => FaultName;
  private readonly latencyMs: number;
  private readonly lateAnswerMs: number;
  private readonly now: () => Date;
  private readonly listeners = new Set<AnswerListener>();
  private readonly pendingWaits = new Set<PendingWait>();

  constructor(options: SandboxBankOptions) {
    this.book = new SandboxBankBook(options.file);
    this.nextFault = faultPicker(options.faults ?? { fault: 'none' }, options.random ?? Math.random);
    this.latencyMs = options.latencyMs ?? 20;
    this.lateAnswerMs = options.lateAnswerMs ?? 2_000;
    this.now = options.now ?? (() => new Date());
    // Like a real bank, it goes on processing what it had received while the server was down.
    for (const transfer of this.book.processingTransfers()) this.settleLater(transfer.sequence);
  }

  async send(order: TransferOrder, options: { timeoutMs: number }): Promise<RailAnswer> {
    const rejection = rejectionFor(order);
    // Faults strike only transfers the bank would accept: an invalid one is always answered rejected.
    const fault = rejection ? 'none' : this.nextFault();
    if (fault === 'lost') return this.timeOut(options.timeoutMs);

    const received = this.book.receive(order, this.now(), rejection ?? (fault === 'reject' ? closedAccount : null));
    if (fault === 'late') {
      await this.wait(options.timeoutMs);
      this.settleLater(received.sequence);
      throw timeoutAfter(options.timeoutMs);
    }
    // An instant transfer is settled the moment the bank accepts it; only the answer takes time.
    const booked = received.state === 'processing' ? this.book.settle(received.sequence, this.now()) : received;
    if (fault === 'timeout') return this.timeOut(options.timeoutMs);

    await this.answerWithin(options.timeoutMs);
    const answer = answerFor(booked);
    if (fault === 'duplicate') this.deliverLater(order.endToEndId, answer);
    return answer;
  }

  /** Answers about the latest transfer booked with this EndToEndId. */
  async status(endToEndId: string, options: { timeoutMs: number }): Promise<RailStatus> {
    await this.answerWithin(options.timeoutMs);
    const latest = this.book.transfersFor(endToEndId).at(-1);
    if (!latest) return { outcome: 'unknown' };
    return latest.state === 'processing' ? { outcome: 'processing' } : answerFor(latest);
  }

  onAnswer(listener: AnswerListener): () => void {
    this.listeners.add(listener);
    return () => {
      this.listeners.delete(listener);
    };
  }

  /** Every transfer booked with this EndToEndId, oldest first: tests assert there is exactly one. */
  transfersFor(endToEndId: string): BookedTransfer[] {
    return this.book.transfersFor(endToEndId);
  }

  allTransfers(): BookedTransfer[] {
    return this.book.allTransfers();
  }

  /** Drops pending late answers and duplicates; calls still waiting for an answer time out. */
  async close(): Promise<void> {
    for (const pending of this.pendingWaits) {
      clearTimeout(pending.timer);
      pending.abandon();
    }
    this.pendingWaits.clear();
    this.book.close();
  }

  private async answerWithin(timeoutMs: number): Promise<void> {
    if (this.latencyMs > timeoutMs) await this.timeOut(timeoutMs);
    await this.wait(this.latencyMs);
  }

  private async timeOut(afterMs: number): Promise<never> {
    await this.wait(afterMs);
    throw timeoutAfter(afterMs);
  }

  private settleLater(sequence: number): void {
    this.wait(this.lateAnswerMs).then(() => {
      const settled = this.book.settle(sequence, this.now());
      this.deliver(settled.endToEndId, answerFor(settled));
    }, ignoreClosedBank);
  }

  private deliverLater(endToEndId: string, answer: RailAnswer): void {
    this.wait(this.latencyMs).then(() => this.deliver(endToEndId, answer), ignoreClosedBank);
  }

  private deliver(endToEndId: string, answer: RailAnswer): void {
    for (const listener of this.listeners) listener(endToEndId, answer);
  }

  /** A timer that close() can cancel: the wait then fails with RailTimeoutError, as an unanswered call would. */
  private wait(ms: number): Promise<void> {
    return new Promise((resolve, reject) => {
      const pending: PendingWait = {
        timer: setTimeout(() => {
          this.pendingWaits.delete(pending);
          resolve();
        }, ms),
        abandon: () => reject(new RailTimeoutError('the sandbox bank closed before answering')),
      };
      this.pendingWaits.add(pending);
    });
  }
}

function timeoutAfter(ms: number): RailTimeoutError {
  return new RailTimeoutError(`the sandbox bank did not answer within ${ms} ms`);
}

function answerFor(transfer: BookedTransfer): RailAnswer {
  if (transfer.state === 'settled' && transfer.bankReference) {
    return { outcome: 'settled', bankReference: transfer.bankReference };
  }
  if (transfer.state === 'rejected' && transfer.reasonCode && transfer.reason) {
    return { outcome: 'rejected', reasonCode: transfer.reasonCode, reason: transfer.reason };
  }
  throw new Error(`transfer ${transfer.sequence} has no answer yet (${transfer.state})`);
}

/** A late answer or duplicate cancelled by close() is simply never delivered. */
function ignoreClosedBank(): void {}
