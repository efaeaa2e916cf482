import type { OperationId } from './operations.js';

/** Example values for one operation, as a caller would send them. */
export interface OperationExample {
  params?: Record<string, string>;
  query?: Record<string, string>;
  body?: unknown;
}

/**
 * Request examples for the OpenAPI document and the curl lines of the API reference page.
 * Tests parse each one with the operation's own schemas, so the published examples always work.
 */
export const operationExamples: Record<OperationId, OperationExample> = {
  lookupCredits: { body: { noticeNumber: '301000000000000144' } },
  createPayment: { body: { creditId: 'crd_01JD8ZQ3K4M5N6P7', amount: 12550 } },
  getPayment: { params: { id: 'pay_01JD8ZR2T6V8W0X2' } },
  getReceipt: { params: { id: 'rcp_01JD8ZR2T6V8W0X3' }, query: { format: 'text58' } },
  verifyReceipt: { params: { code: 'K7QF-2M9X-PL4D' } },
  listServices: {},
  createUnexpectedCredit: {
    body: {
      serviceCode: 'CANONE_MERCATALE',
      debtor: { taxCode: 'RSSMRA85T10A562S', name: 'Mario Rossi' },
      fields: { market: 'Mercato del sabato', stallNumber: '14', squareMeters: 12, hours: 6 },
      amount: 1840,
    },
  },
  getAgentBalance: {},
  getAgentReport: { query: { date: '2026-11-26' } },
};
