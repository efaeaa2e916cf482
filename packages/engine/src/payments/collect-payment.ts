import { romeDate, type Payment } from '@pay-box/contract';
import type { TerminalPrincipal } from '../auth/principal.js';
import type { ComuneCatalogue } from '../catalogue/catalogue.js';
import type { EngineContext } from '../context.js';
import { DomainError } from '../errors.js';
import { accounts } from '../ledger/accounts.js';
import { post, type Posting } from '../ledger/ledger.js';
import type { CreditRow, PaymentRow } from '../ports/rows.js';
import type { UnitOfWork } from '../ports/store.js';
import type { CountedSend } from '../transfers/dispatcher.js';
import { sepaRemittance } from '../transfers/remittance.js';
import { recordEvents, type EventInput } from '../events/record-event.js';
import { paymentSummary } from '../views/admin-payment-view.js';
import { assemblePayment } from '../views/payment-view.js';

/** A payment just written, with its transfer ready to leave as soon as the unit of work commits. */
export interface CollectedPayment {
  paymentId: string;
  transfer: CountedSend;
  /** The answer as committed (the transfer pending): no need to read it back. */
  payment: Payment;
  /** The credit as it now stands, paid. */
  credit: CreditRow;
}

/** Who collected the money: a shop's terminal, or a card on the comune's site for the fee the citizen agreed to. */
export type Collector = { channel: 'agent'; agentId: string; agentName: string; terminalId: string } | { channel: 'web'; citizenFee: number };

/** The shop of a terminal's key. */
export const atShop = ({ agentId, agentName, terminalId }: TerminalPrincipal): Collector => ({ channel: 'agent', agentId, agentName, terminalId });

/** The payment's fee fields and its ledger postings, by channel: what each channel owes and to whom. */
function moneyOf(catalogue: ComuneCatalogue, collector: Collector, credit: CreditRow): { fees: Pick<PaymentRow, 'agentId' | 'terminalId' | 'citizenFee' | 'agentFeeShare' | 'institutionFeeShare' | 'floatDebited'>; postings: Posting[] } {
  if (collector.channel === 'web') {
    // The acquirer owes the institution the whole card charge; the fee is the institution's, no shop shares it.
    const fee = collector.citizenFee;
    return {
      fees: { agentId: null, terminalId: null, citizenFee: fee, agentFeeShare: 0, institutionFeeShare: fee, floatDebited: 0 },
      postings: [
        { account: accounts.acquirerReceivable(), amount: credit.amount + fee },
        { account: accounts.comunePayable(credit.comuneId), amount: -credit.amount },
        { account: accounts.feeRevenue(), amount: -fee },
      ],
    };
  }
  // The shop keeps its own share of the fee in cash; its float pays the amount and the institution's share.
  const fees = catalogue.fees('agent');
  const institutionFeeShare = fees.citizenFee - fees.agentShare;
  const floatDebited = credit.amount + institutionFeeShare;
  return {
    fees: { agentId: collector.agentId, terminalId: collector.terminalId, citizenFee: fees.citizenFee, agentFeeShare: fees.agentShare, institutionFeeShare, floatDebited },
    postings: [
      { account: accounts.agentFloat(collector.agentId), amount: floatDebited },
      { account: accounts.comunePayable(credit.comuneId), amount: -credit.amount },
      { account: accounts.feeRevenue(), amount: -institutionFeeShare },
    ],
  };
}

/**
 * Collects one credit inside a unit of work, at a shop (debit the float) or by card (the acquirer
 * owes the charge): close the credit, post the ledger, write payment, receipt and transfer, and the
 * transfer's outbox row already leased to this request with its first send counted, so that it leaves
 * right after the commit. Any error rolls all of it back.
 */
export async function collectPayment(
  ctx: EngineContext,
  tx: UnitOfWork,
  catalogue: ComuneCatalogue,
  collector: Collector,
  credit: CreditRow,
  paymentId: string,
  at: Date,
): Promise<CollectedPayment> {
  if (credit.status === 'paid') throw new DomainError('credit_already_paid', { paidAt: credit.paidAt });
  if (credit.status !== 'open') throw new DomainError('credit_not_payable', { status: credit.status });

  const { ids } = ctx;
  const { comune } = catalogue;
  const service = catalogue.serviceById(credit.serviceId)!;
  const { fees, postings } = moneyOf(catalogue, collector, credit);
  const now = at.toISOString();

  // The credit first: of two payments of it at once, the second waits here, then finds it paid,
  // before it has locked a float or posted anything. An amount the comune edited since the payment
  // read it is not closed at the old amount.
  if (!(await tx.credits.markPaid(credit.id, now, credit.amount))) {
    const current = await tx.credits.get(credit.comuneId, credit.id);
    if (current?.status === 'open') throw new DomainError('amount_mismatch', { expected: current.amount });
    throw new DomainError('credit_already_paid');
  }
  const ledgerTransactionId = await post(
    tx,
    ids,
    'payment',
    paymentId,
    credit.comuneId,
    postings,
    at,
  );
  const payment = {
    id: paymentId,
    comuneId: credit.comuneId,
    creditId: credit.id,
    channel: collector.channel,
    amount: credit.amount,
    ...fees,
    ledgerTransactionId,
    createdAt: now,
  } as const;
  await tx.payments.insert(payment);

  const order = {
    endToEndId: paymentId,
    amount: credit.amount,
    creditorName: comune.name,
    creditorIban: comune.treasuryIban,
    remittance: sepaRemittance(credit.iuv, credit.amount, service.name),
  };
  const transferId = ids.id('trf');
  const { amount, creditorName, creditorIban, remittance } = order;
  await tx.transfers.insert({ id: transferId, comuneId: credit.comuneId, paymentId, amount, creditorName, creditorIban, remittance, sendAttempts: 1, createdAt: now });
  const outboxId = ids.id('obx');
  // The lease runs from now, whatever instant the payment carries (the demo's is of the day before).
  const leaseUntil = new Date(ctx.clock.now().getTime() + ctx.dispatch.leaseMs).toISOString();
  await tx.outbox.insert({ id: outboxId, comuneId: credit.comuneId, kind: 'transfer', subjectId: transferId, leaseUntil }, now);
  // The comune's receipt counter last: every payment of the comune takes it, so it is held the shortest.
  const year = romeDate(at).slice(0, 4);
  const sequence = await tx.counters.next(credit.comuneId, `receipt:${year}`);
  const receipt = {
    id: ids.id('rcp'),
    comuneId: credit.comuneId,
    paymentId,
    number: `${year}-${String(sequence).padStart(6, '0')}`,
    verificationCode: ids.verificationCode(),
    issuedAt: now,
  };
  await tx.receipts.insert(receipt);
  const paid = { ...credit, status: 'paid' as const, paidAt: now };
  const agentName = collector.channel === 'agent' ? collector.agentName : null;
  const transferListed = { id: transferId, status: 'pending' as const, amount, bankReference: null, rejectReason: null, createdAt: now, settledAt: null, retries: 0, settlementTransactionId: null };
  const summary = paymentSummary({ payment, credit: paid, service: { code: service.code, name: service.name }, agentName, receipt, transfer: transferListed, resolution: null }, at);
  const creditPaid = { creditId: credit.id, noticeNumber: credit.noticeNumber, serviceCode: service.code, amount: credit.amount, paidAt: now, paymentId, channel: collector.channel, receiptNumber: receipt.number };
  const events: Omit<EventInput, 'comuneId'>[] = [
    { type: 'payment.succeeded', subjectId: paymentId, data: summary },
    { type: 'credit.paid', subjectId: credit.id, data: creditPaid },
  ];
  // A credit read from the comune's own system is written back there, through the outbox, until it acknowledges.
  if (service.connectorId !== null && !credit.unexpected) {
    await tx.outbox.insert({ id: ids.id('obx'), comuneId: credit.comuneId, kind: 'write_back', subjectId: paymentId, leaseUntil: null }, now);
  }
  if (credit.unexpected) {
    const { id: creditId, noticeNumber, debtorName, debtorTaxCode, fields } = paid;
    const data = { creditId, paymentId, noticeNumber, serviceCode: service.code, serviceName: service.name, debtorName, debtorTaxCode, amount: credit.amount, fields, channel: collector.channel };
    events.push({ type: 'unexpected_credit.created', subjectId: creditId, data });
  }
  await recordEvents(tx, ids, credit.comuneId, events, now);
  return {
    paymentId,
    transfer: { outbox: { id: outboxId, subjectId: transferId, failures: 0 }, order },
    payment: assemblePayment({ payment, credit: paid, serviceCode: service.code, receipt, transfer: { id: transferId, status: 'pending', bankReference: null, settledAt: null } }),
    credit: paid,
  };
}
