import { romeDate } from '@pay-box/contract';
import { RailTimeoutError, type RailAnswer, type RailProcessing, type RailStatus, type TransferOrder, type TransferRail } from '../ports/transfer-rail.js';
import type { BankBook, BookedTransfer, Booking } from './bank-book.js';
import { faultPicker, type FaultName, type FaultPlan } from './fault-plan.js';
import { rejectionFor, type Rejection } from './transfer-validation.js';

export interface SandboxBankOptions {
  /** Where the bank keeps its books: a MemoryBankBook, or the reference server's own SQLite file. */
  book: BankBook;
  faults?: FaultPlan;
  random?: () => number;
  /** How long the bank takes to answer. Default 20 ms. */
  latencyMs?: number;
  /** With the `late` fault: how long after the caller's time-out the settled answer arrives. Default 2 s. */
  lateAnswerMs?: number;
  /**
   * `instant` (default): an accepted transfer is settled at once and the answer carries its reference.
   * `held`: it is booked as processing and answered `processing`; settleProcessing() settles it later
   * and notifies, as a bank whose clearing runs in batches would.
   */
  answers?: 'instant' | 'held';
  now?: () => Date;
}

const closedAccount: Rejection = { reasonCode: 'AC04', reason: 'Closed account number' };
const duplicate: Rejection = { reasonCode: 'AM05', reason: 'Duplication: a transfer with this EndToEndId was received already' };

type AnswerListener = (endToEndId: string, answer: RailAnswer) => void;
interface PendingWait {
  timer: ReturnType<typeof setTimeout>;
  abandon: () => void;
}

/**
 * The bank reference of a settled sandbox transfer: `PBXSBX` + the settlement day in Rome (the bank
 * is Italian) + the booking sequence: 26 characters, unique per book.
 */
export function sandboxBankReference(sequence: number, settledAt: Date): string {
  return `PBXSBX${romeDate(settledAt).replaceAll('-', '')}${String(sequence).padStart(12, '0')}`;
}

/**
 * A stand-in for the bank that carries SEPA Instant transfers to the comuni's treasuries: it validates
 * like a bank, books every transfer it receives in its own books and can fail on purpose (see FaultPlan).
 */
export class SandboxBank implements TransferRail {
  private readonly book: BankBook;
  private nextFault: () => FaultName;
  private readonly random: () => number;
  private readonly latencyMs: number;
  private readonly lateAnswerMs: number;
  private readonly held: boolean;
  private readonly now: () => Date;
  private readonly listeners = new Set<AnswerListener>();
  private readonly pendingWaits = new Set<PendingWait>();

  constructor(options: SandboxBankOptions) {
    this.book = options.book;
    this.random = options.random ?? Math.random;
    this.nextFault = faultPicker(options.faults ?? { fault: 'none' }, this.random);
    this.latencyMs = options.latencyMs ?? 20;
    this.lateAnswerMs = options.lateAnswerMs ?? 2_000;
    this.held = options.answers === 'held';
    this.now = options.now ?? (() => new Date());
    // Like a real bank, it goes on processing what it had received while the server was down.
    if (!this.held) for (const transfer of this.book.processingTransfers()) this.settleLater(transfer.sequence);
  }

  async send(order: TransferOrder, options: { timeoutMs: number }): Promise<RailAnswer | RailProcessing> {
    // Like a bank's duplicate check: an EndToEndId it holds a transfer for (not a rejected one) is refused, not paid twice.
    const rejection = rejectionFor(order) ?? (this.book.hasAccepted(order.endToEndId) ? duplicate : null);
    // Faults strike only transfers the bank would accept: an invalid one is always answered rejected.
    const fault = rejection ? 'none' : this.nextFault();
    if (fault === 'lost') return this.timeOut(options.timeoutMs);

    const refused = rejection ?? (fault === 'reject' ? closedAccount : null);
    const booked = await this.book.book(order, this.now(), this.bookingFor(refused, fault));
    if (fault === 'late') {
      await this.wait(options.timeoutMs);
      this.settleLater(booked.sequence);
      throw timeoutAfter(options.timeoutMs);
    }
    if (fault === 'timeout') return this.timeOut(options.timeoutMs);

    await this.answerWithin(options.timeoutMs);
    if (booked.state === 'processing') return { outcome: 'processing' };
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

  /** From now on, misbehaves as `plan` says (what it has booked stays as it is). */
  injectFaults(plan: FaultPlan): void {
    this.nextFault = faultPicker(plan, this.random);
  }

  /** Settles every transfer still processing and notifies its answer; returns them as settled. */
  settleProcessing(): BookedTransfer[] {
    return this.book.processingTransfers().map((transfer) => this.settleNow(transfer.sequence));
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
    await this.book.close();
  }

  private bookingFor(rejection: Rejection | null, fault: FaultName): Booking {
    if (rejection) return { state: 'rejected', rejection };
    // An instant transfer is settled the moment the bank accepts it, in the same write; only the answer takes time.
    if (this.held || fault === 'late') return { state: 'processing' };
    const settledAt = this.now();
    return { state: 'settled', settledAt, reference: (sequence) => sandboxBankReference(sequence, settledAt) };
  }

  private async answerWithin(timeoutMs: number): Promise<void> {
    if (this.latencyMs > timeoutMs) await this.timeOut(timeoutMs);
    if (this.latencyMs > 0) await this.wait(this.latencyMs);
  }

  private async timeOut(afterMs: number): Promise<never> {
    await this.wait(afterMs);
    throw timeoutAfter(afterMs);
  }

  private settleNow(sequence: number): BookedTransfer {
    const settledAt = this.now();
    const settled = this.book.settle(sequence, settledAt, sandboxBankReference(sequence, settledAt));
    this.deliver(settled.endToEndId, answerFor(settled));
    return settled;
  }

  private settleLater(sequence: number): void {
    this.wait(this.lateAnswerMs).then(() => this.settleNow(sequence), ignoreClosedBank);
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
