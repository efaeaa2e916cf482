import { makeNoticeNumber } from '@pay-box/contract';
import { demoAllowedOrigins, demoComune, demoCredits, demoPastPayment } from '@pay-box/engine/demo';
import { operations, type Operation, type OperationId, type PublicOperationId } from './operations.js';

/** Example values for one operation, as a caller would send them. */
export interface OperationExample {
  params?: Record<string, string>;
  query?: Record<string, string>;
  body?: unknown;
}

const firstCredit = demoCredits[0]!;

/**
 * Request examples for the OpenAPI document and the curl lines of the API reference page, taken from
 * the demo's fixed data: each one works as written against a freshly seeded demo server (a test runs
 * them all) and against the SDK's mock, but the reads of a checkout session, which name one that the
 * create example opens first. The payment and receipt are the demo shop's payment of the day before;
 * the day of the report is any day in Rome.
 */
const publicExamples: Record<PublicOperationId, OperationExample> = {
  lookupCredits: { body: { noticeNumber: makeNoticeNumber(demoComune.segregationCode, '0000000000001') } },
  createPayment: { body: { creditId: firstCredit.id, amount: firstCredit.amount } },
  getPayment: { params: { id: demoPastPayment.paymentId } },
  getReceipt: { params: { id: demoPastPayment.receiptId }, query: { format: 'text58' } },
  verifyReceipt: { params: { code: demoPastPayment.verificationCode } },
  listServices: {},
  createUnexpectedCredit: {
    body: {
      serviceCode: 'MERCATO',
      debtor: { taxCode: 'VRDLCU78L21F839T', name: 'Luca Verdi' },
      fields: { market: 'GIOVEDI-CENTRO', date: '2026-11-26', stallNumber: 'B12', squareMeters: 12.5, sector: 'ALIMENTARE', licenceNumber: 'AUT-2019-0042' },
      amount: 1950,
    },
  },
  getAgentBalance: {},
  getAgentReport: { query: { date: '2026-11-26' } },
  createCheckoutSession: { body: { creditId: firstCredit.id, amount: firstCredit.amount, returnUrl: `${demoAllowedOrigins[0]}/examples/comune-site/`, locale: 'it' } },
  getCheckoutSession: { params: { id: 'cks_4Jq7WmZcR2xT9bKfN3pD' } },
  getCheckoutReceipt: { params: { id: 'cks_4Jq7WmZcR2xT9bKfN3pD' }, query: { format: 'pdf' } },
  listPoints: {},
};

/** Every operation's example: the public ones above, the staff ones beside their operation. */
export const operationExamples = Object.fromEntries(
  (Object.keys(operations) as OperationId[]).map((id) => {
    const operation: Operation = operations[id];
    return [id, operation.example ?? publicExamples[id as PublicOperationId]];
  }),
) as Record<OperationId, OperationExample>;
