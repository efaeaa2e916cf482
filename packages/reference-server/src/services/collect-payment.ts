import { romeDate } from '@pay-box/sdk/contract';
import type { CreditRow } from '../db/repositories/credits.js';
import { DomainError } from '../domain-error.js';
import { accounts } from '../ledger/ledger.js';
import { sepaRemittance } from '../rails/remittance.js';
import type { ServiceContext } from './context.js';
import type { TerminalPrincipal } from './principal.js';

/**
 * Collects one credit at a shop, inside a write: debit the float (amount + the institution's fee
 * share; the shop keeps its own share in cash), close the credit, write payment, receipt, transfer
 * and its outbox row. Any error rolls all of it back. Returns the payment id.
 */
export function collectAtAgent(ctx: ServiceContext, principal: TerminalPrincipal, credit: CreditRow, at: Date): string {
  if (credit.status === 'paid') throw new DomainError('credit_already_paid', { paidAt: credit.paidAt });
  if (credit.status !== 'open') throw new DomainError('credit_not_payable', { status: credit.status });

  const { repos, ids } = ctx;
  const comune = repos.tenants.comune(credit.comuneId)!;
  const service = repos.tenants.serviceById(credit.serviceId)!;
  const fees = repos.tenants.fees(credit.comuneId, 'agent');
  const institutionFeeShare = fees.citizenFee - fees.agentShare;
  const floatDebited = credit.amount + institutionFeeShare;
  const now = at.toISOString();
  const paymentId = ids.id('pay');

  const ledgerTransactionId = ctx.ledger.post(
    'payment',
    paymentId,
    [
      { account: accounts.agentFloat(principal.agentId), amount: floatDebited },
      { account: accounts.comunePayable(credit.comuneId), amount: -credit.amount },
      { account: accounts.feeRevenue(), amount: -institutionFeeShare },
    ],
    at,
  );
  if (!repos.credits.markPaid(credit.id, now)) throw new DomainError('credit_already_paid');
  repos.payments.insert({
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
  });
  const year = romeDate(at).slice(0, 4);
  const sequence = repos.receipts.nextCounter(credit.comuneId, `receipt:${year}`);
  repos.receipts.insert({
    id: ids.id('rcp'),
    comuneId: credit.comuneId,
    paymentId,
    number: `${year}-${String(sequence).padStart(6, '0')}`,
    verificationCode: ids.verificationCode(),
    issuedAt: now,
  });
  const transferId = ids.id('trf');
  repos.transfers.insert({
    id: transferId,
    comuneId: credit.comuneId,
    paymentId,
    amount: credit.amount,
    creditorName: comune.name,
    creditorIban: comune.treasuryIban,
    remittance: sepaRemittance(credit.iuv, credit.amount, service.name),
    createdAt: now,
  });
  repos.outbox.insert({ id: ids.id('obx'), comuneId: credit.comuneId, kind: 'transfer', subjectId: transferId }, now);
  return paymentId;
}
