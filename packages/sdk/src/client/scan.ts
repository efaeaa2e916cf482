import { parsed, parseNoticeNumber, parsePagoPaQr, type Parsed, type QrProblem } from '@pay-box/contract/domain';
import type { CreditLookupQuery } from './types.js';

/**
 * What a scanner or the keyboard gave, ready for `credits.lookup`: the payload of a notice's pagoPA
 * QR code, or a notice number (spaces allowed). A bad one comes back with a reason and a message
 * to show, before any request.
 */
export function lookupQueryFromScan(text: string): Parsed<CreditLookupQuery, QrProblem> {
  const input = text.trim();
  if (input.startsWith('PAGOPA|')) {
    const qr = parsePagoPaQr(input);
    return qr.ok ? parsed({ qr: input }) : qr;
  }
  const notice = parseNoticeNumber(input);
  return notice.ok ? parsed({ noticeNumber: notice.value.noticeNumber }) : notice;
}
