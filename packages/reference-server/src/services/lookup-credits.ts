import { parsePagoPaQr, type Credit, type CreditLookupRequest } from '@pay-box/sdk/contract';
import { DomainError } from '../domain-error.js';
import type { ServiceContext } from './context.js';
import { channelOf } from './channel.js';
import type { Principal } from './principal.js';
import { creditView } from './views.js';

/** The lookup as validated by the contract (notice numbers and tax codes already normalised). */
export type LookupQuery = Omit<CreditLookupRequest, 'noticeNumber' | 'debtorTaxCode'> & { noticeNumber?: string; debtorTaxCode?: string };

/** Finds credits of the caller's comune by notice number, QR payload, or debtor and service. */
export function lookupCredits(ctx: ServiceContext, principal: Principal, query: LookupQuery): Credit[] {
  const { comuneId } = principal;
  const view = (row: Parameters<typeof creditView>[1]) => creditView(ctx, row, principal, channelOf(principal));

  if (query.qr !== undefined) {
    const qr = parsePagoPaQr(query.qr);
    if (!qr.ok) throw new DomainError('validation_failed', [{ path: 'qr', message: qr.message }]);
    const comune = ctx.repos.tenants.comune(comuneId)!;
    if (qr.value.creditorFiscalCode !== comune.fiscalCode) {
      throw new DomainError('credit_not_found', { reason: 'This notice is payable to another comune.', creditorFiscalCode: qr.value.creditorFiscalCode });
    }
    return [view(found(ctx.repos.credits.byNoticeNumber(comuneId, qr.value.noticeNumber)))];
  }
  if (query.noticeNumber !== undefined) {
    return [view(found(ctx.repos.credits.byNoticeNumber(comuneId, query.noticeNumber)))];
  }
  const service = ctx.repos.tenants.serviceByCode(comuneId, query.serviceCode!);
  if (!service) throw new DomainError('service_not_found', { serviceCode: query.serviceCode });
  return ctx.repos.credits.byDebtor(comuneId, query.debtorTaxCode!, service.id).map(view);
}

function found<T>(row: T | undefined): T {
  if (!row) throw new DomainError('credit_not_found');
  return row;
}
