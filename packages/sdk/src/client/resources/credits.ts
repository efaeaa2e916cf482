import type { CreditList, CreditLookupRequest } from '@pay-box/contract';
import { parseNoticeNumber } from '@pay-box/contract/domain';
import { fail, rejectInvalid, serviceCodeProblem, taxCodeProblem, textProblem } from '../argument-checks.js';
import type { Transport } from '../transport.js';
import type { CreditLookupQuery, Locale } from '../types.js';

export interface CreditsResource {
  /**
   * Finds credits by notice number, by the QR code printed on the notice, or by debtor tax code
   * and service. Debtor data comes back masked for terminal and publishable keys.
   * A notice number or QR code that matches nothing fails with `credit_not_found`.
   */
  lookup(query: CreditLookupQuery): Promise<CreditList>;
}

export function creditsResource(transport: Transport): CreditsResource {
  return {
    async lookup(query) {
      const body = lookupBody(transport.locale, query);
      return transport.json<CreditList>({ operation: 'lookupCredits', method: 'post', path: 'v1/credits/lookup', body });
    },
  };
}

function lookupBody(locale: Locale, query: CreditLookupQuery): CreditLookupRequest {
  const { noticeNumber, qr, debtorTaxCode, serviceCode } = (query ?? {}) as Partial<Record<keyof CreditLookupRequest, unknown>>;
  const forms = [noticeNumber, qr, debtorTaxCode ?? serviceCode].filter((form) => form !== undefined).length;
  if (forms !== 1) fail(locale, '', 'send exactly one of noticeNumber, qr, or debtorTaxCode with serviceCode');
  if (noticeNumber !== undefined) {
    const parsed = typeof noticeNumber === 'string' ? parseNoticeNumber(noticeNumber) : null;
    if (!parsed?.ok) fail(locale, 'noticeNumber', parsed?.message ?? 'must be a string');
    // The 18 digits, without the spaces people type between groups.
    return { noticeNumber: parsed.value.noticeNumber };
  }
  if (qr !== undefined) {
    rejectInvalid(locale, [['qr', textProblem(qr, { max: 200 })]]);
    return { qr: (qr as string).trim() };
  }
  rejectInvalid(locale, [
    ['debtorTaxCode', taxCodeProblem(debtorTaxCode)],
    ['serviceCode', serviceCodeProblem(serviceCode)],
  ]);
  return { debtorTaxCode: debtorTaxCode as string, serviceCode: serviceCode as string };
}
