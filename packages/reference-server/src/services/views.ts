import { assemblePayment, assembleReceipt, maskName, maskTaxCode, type Credit, type Payment, type Receipt } from '@pay-box/sdk/contract';
import type { CreditRow } from '../db/repositories/credits.js';
import type { ReceiptRow } from '../db/repositories/receipts.js';
import type { Channel } from '../db/repositories/tenants.js';
import type { ServiceContext } from './context.js';
import { seesPersonalData, type Principal } from './principal.js';

/** Turns stored rows into the contract's shapes. Reads only; callers have checked access. */
export function creditView(ctx: ServiceContext, row: CreditRow, principal: Principal, channel: Channel): Credit {
  const comune = ctx.repos.tenants.comune(row.comuneId)!;
  const service = ctx.repos.tenants.serviceById(row.serviceId)!;
  const fee = ctx.repos.tenants.fees(row.comuneId, channel).citizenFee;
  const masked = !seesPersonalData(principal);
  return {
    id: row.id,
    comune: { id: comune.id, name: comune.name, fiscalCode: comune.fiscalCode },
    service: { code: service.code, name: service.name },
    description: row.description,
    amount: row.amount,
    fee,
    total: row.amount + fee,
    currency: 'EUR',
    dueDate: row.dueDate,
    status: row.status,
    noticeNumber: row.noticeNumber,
    iuv: row.iuv,
    debtor: {
      type: row.debtorType,
      name: masked ? maskName(row.debtorName) : row.debtorName,
      taxCode: masked ? maskTaxCode(row.debtorTaxCode) : row.debtorTaxCode,
      masked,
    },
    unexpected: row.unexpected,
    fields: row.fields,
    paidAt: row.paidAt,
  };
}

export function paymentView(ctx: ServiceContext, paymentId: string): Payment {
  const payment = ctx.repos.payments.get(paymentId)!;
  const credit = ctx.repos.credits.get(payment.comuneId, payment.creditId)!;
  return assemblePayment({
    payment,
    credit,
    serviceCode: ctx.repos.tenants.serviceById(credit.serviceId)!.code,
    receipt: ctx.repos.receipts.byPayment(payment.id)!,
    transfer: ctx.repos.transfers.byPayment(payment.id)!,
  });
}

export function receiptView(ctx: ServiceContext, receipt: ReceiptRow): Receipt {
  const payment = ctx.repos.payments.get(receipt.paymentId)!;
  const credit = ctx.repos.credits.get(payment.comuneId, payment.creditId)!;
  const agent = payment.agentId ? ctx.repos.tenants.agent(payment.agentId) : undefined;
  return assembleReceipt({
    receipt,
    publicUrl: ctx.settings.publicUrl,
    comune: ctx.repos.tenants.comune(payment.comuneId)!,
    service: ctx.repos.tenants.serviceById(credit.serviceId)!,
    credit,
    payment,
    agent: agent ?? null,
    institutionName: ctx.settings.institutionName,
    transfer: ctx.repos.transfers.byPayment(payment.id)!,
  });
}
