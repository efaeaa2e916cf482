import { romeDate, type Payment } from '@pay-box/contract';
import type { TerminalPrincipal } from '../auth/principal.js';
import type { ComuneCatalogue } from '../catalogue/catalogue.js';
import type { EngineContext } from '../context.js';
import { DomainError } from '../errors.js';
import { accounts } from '../ledger/accounts.js';
import { post } from '../ledger/ledger.js';
import type { CreditRow } from '../ports/rows.js';
import type { UnitOfWork } from '../ports/store.js';
import type { CountedSend } from '../transfers/dispatcher.js';
import { sepaRemittance } from '../transfers/remittance.js';
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

/**
 * Collects one credit at a shop, inside a unit of work: debit the float (amount + the institution's
 * fee share; the shop keeps its own share in cash), close the credit, write payment, receipt and
 * transfer, and the transfer's outbox row already leased to this request with its first send counted,
 * so that it leaves right after the commit. Any error rolls all of it back.
 */
export async function collectAtAgent(
  ctx: EngineContext,
  tx: UnitOfWork,
  catalogue: ComuneCatalogue,
  principal: TerminalPrincipal,
  credit: CreditRow,
  paymentId: string,
  at: Date,
): Promise<CollectedPayment> {
  if (credit.status === 'paid') throw new DomainError('credit_already_paid', { paidAt: credit.paidAt });
  if (credit.status !== 'open') throw new DomainError('credit_not_payable', { status: credit.status });

  const { ids } = ctx;
  const { comune } = catalogue;
  const service = catalogue.serviceById(credit.serviceId)!;
  const fees = catalogue.fees('agent');
  const institutionFeeShare = fees.citizenFee - fees.agentShare;
  const floatDebited = credit.amount + institutionFeeShare;
  const now = at.toISOString();

  // The credit first: of two shops paying it at once, the second waits here, then finds it paid,
  // before it has locked its float or posted anything.
  if (!(await tx.credits.markPaid(credit.id, now))) throw new DomainError('credit_already_paid');
  const ledgerTransactionId = await post(
    tx,
    ids,
    'payment',
    paymentId,
    credit.comuneId,
    [
      { account: accounts.agentFloat(principal.agentId), amount: floatDebited },
      { account: accounts.comunePayable(credit.comuneId), amount: -credit.amount },
      { account: accounts.feeRevenue(), amount: -institutionFeeShare },
    ],
    at,
  );
  const payment = {
    id: paymentId,
    comuneId: credit.comuneId,
    creditId: credit.id,
    channel: 'agent',
    agentId: principal.agentId,
    terminalId: principal.terminalId,
    amount: credit.amount,
    citizenFee: fees.citizenFee,
    agentFeeShare: fees.agentShare,
    institutionFeeShare,
    floatDebited,
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
  return {
    paymentId,
    transfer: { outbox: { id: outboxId, subjectId: transferId, failures: 0 }, order },
    payment: assemblePayment({ payment, credit: paid, serviceCode: service.code, receipt, transfer: { id: transferId, status: 'pending', bankReference: null, settledAt: null } }),
    credit: paid,
  };
}
