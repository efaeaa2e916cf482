import type { ConnectorPaidNotice } from '@pay-box/sdk/contract';
import { creditByNotice, markCreditPaid, type TributiCredit } from './credits.js';
import type { TributiDatabase } from './database.js';

/**
 * What the office must look at by hand. The money was collected all the same, so the payment is
 * recorded: amount_mismatch (the credit changed between Pay-Box's last lookup and the payment: the
 * difference is refunded or asked for), already_paid (paid twice: refund one), credit_cancelled and
 * unknown_notice (refund, or find the credit it was meant for).
 */
export type PaymentProblem = 'amount_mismatch' | 'already_paid' | 'credit_cancelled' | 'unknown_notice';

export interface RecordedPayment {
  /** False when this payment id was recorded before (Pay-Box sent it again). */
  firstTime: boolean;
  problem: PaymentProblem | null;
}

export interface PaymentRow {
  payment_id: string;
  notice_number: string;
  service_code: string;
  amount: number;
  paid_at: string;
  channel: string;
  receipt_number: string;
  verification_code: string;
  problem: PaymentProblem | null;
  bank_reference: string | null;
  received_at: string;
}

function problemOf(credit: TributiCredit | undefined, notice: ConnectorPaidNotice): PaymentProblem | null {
  if (!credit) return 'unknown_notice';
  if (credit.status === 'cancelled') return 'credit_cancelled';
  if (credit.status === 'paid') return 'already_paid';
  return credit.amount === notice.amount ? null : 'amount_mismatch';
}

/** Records Pay-Box's paid notice once per payment id and closes the credit, in one transaction. */
export function recordPayment(db: TributiDatabase, notice: ConnectorPaidNotice, receivedAt: Date): RecordedPayment {
  return db.transaction((): RecordedPayment => {
    const recorded = db.prepare<[string], Pick<PaymentRow, 'problem'>>('SELECT problem FROM payments WHERE payment_id = ?').get(notice.paymentId);
    if (recorded) return { firstTime: false, problem: recorded.problem };
    const problem = problemOf(creditByNotice(db, notice.noticeNumber), notice);
    db.prepare(
      `INSERT INTO payments (payment_id, notice_number, service_code, amount, paid_at, channel, receipt_number, verification_code, problem, received_at)
       VALUES (?, ?, ?, ?, ?, ?, ?, ?, ?, ?)`,
    ).run(notice.paymentId, notice.noticeNumber, notice.serviceCode, notice.amount, notice.paidAt, notice.channel, notice.receiptNumber, notice.verificationCode, problem, receivedAt.toISOString());
    // The CRO/TRN when the transfer had settled already; otherwise the transfer.settled webhook brings it.
    if (notice.bankReference !== null) recordSettlement(db, notice.paymentId, notice.bankReference);
    // Even on a different amount: the notice was paid, and leaving it open would let someone pay it again.
    markCreditPaid(db, notice.noticeNumber, notice.paidAt);
    return { firstTime: true, problem };
  })();
}

/** Pay-Box's transfer.settled webhook: the money reached the treasury, under this bank reference (CRO/TRN). */
export function recordSettlement(db: TributiDatabase, paymentId: string, bankReference: string): void {
  db.prepare('UPDATE payments SET bank_reference = ? WHERE payment_id = ?').run(bankReference, paymentId);
}

export function latestPayments(db: TributiDatabase, limit: number): PaymentRow[] {
  return db.prepare<[number], PaymentRow>('SELECT * FROM payments ORDER BY received_at DESC, payment_id LIMIT ?').all(limit);
}
