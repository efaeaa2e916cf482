import { isValidCompanyTaxCode } from './company-tax-code.js';
import { parseNoticeNumber, type NoticeNumberProblem } from './notice-number.js';
import { parsed, rejected, type Parsed } from './result.js';

/** What a pagoPA notice's QR code says: `PAGOPA|002|<notice 18>|<creditor fiscal code 11>|<amount cents>`. */
export interface PagoPaQr {
  noticeNumber: string;
  iuv: string;
  creditorFiscalCode: string;
  /** Integer euro cents as printed on the notice. */
  amount: number;
}

export type QrProblem = 'not_pagopa' | 'unsupported_version' | 'wrong_field_count' | 'bad_creditor_fiscal_code' | 'bad_amount' | NoticeNumberProblem;

export function parsePagoPaQr(payload: string): Parsed<PagoPaQr, QrProblem> {
  const parts = payload.trim().split('|');
  if (parts[0] !== 'PAGOPA') return rejected('not_pagopa', 'This code is not a pagoPA notice QR code.');
  if (parts[1] !== '002') return rejected('unsupported_version', `pagoPA QR version ${parts[1] ?? '?'} is not supported (expected 002).`);
  if (parts.length !== 5) return rejected('wrong_field_count', 'A pagoPA QR code has 5 fields separated by "|".');
  const [, , notice = '', fiscalCode = '', amountText = ''] = parts;
  const parsedNotice = parseNoticeNumber(notice);
  if (!parsedNotice.ok) return parsedNotice;
  if (!isValidCompanyTaxCode(fiscalCode)) {
    return rejected('bad_creditor_fiscal_code', "The creditor's fiscal code in the QR code is not valid.");
  }
  // Real notices print 1 to 10 digits of cents.
  if (!/^\d{1,10}$/.test(amountText)) return rejected('bad_amount', 'The amount in the QR code is not 1 to 10 digits of cents.');
  return parsed({
    noticeNumber: parsedNotice.value.noticeNumber,
    iuv: parsedNotice.value.iuv,
    creditorFiscalCode: fiscalCode,
    amount: Number(amountText),
  });
}
