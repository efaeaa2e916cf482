import {
  agentBalanceSchema,
  agentReportQuerySchema,
  agentReportSchema,
  checkoutSessionCreateRequestSchema,
  checkoutSessionSchema,
  creditListSchema,
  creditLookupRequestSchema,
  paymentCreateRequestSchema,
  paymentSchema,
  pointListSchema,
  receiptFormatSchema,
  receiptSchema,
  receiptVerificationSchema,
  serviceListSchema,
  unexpectedCreditCreateRequestSchema,
  unexpectedCreditResultSchema,
} from '@pay-box/contract';
import { z } from 'zod';
import { adminOperations } from './admin/index.js';
import { platformOperations } from './platform/onboarding.js';
import { terminalPairingOperations } from './terminal-pairing.js';
import { common, idParam, writes, type Operation } from './operation.js';

export type { Operation, OperationResponse, SecurityScheme } from './operation.js';

/** A receipt as JSON, POS text or PDF: for a shop's terminal, and for the citizen who paid on the web. */
const receiptFormatQuery = z.object({ format: receiptFormatSchema.default('json').describe('json (default), text58, text80 or pdf.') });
const receiptSuccess = {
  status: 200,
  response: {
    description: 'The receipt.',
    schema: receiptSchema,
    otherMediaTypes: {
      'text/plain; charset=utf-8': { description: 'format=text58 or text80: monospaced text for a thermal printer.' },
      'application/pdf': { description: 'format=pdf', binary: true },
    },
  },
} as const;

const publicOperations = {
  lookupCredits: {
    operationId: 'lookupCredits',
    method: 'post',
    path: '/v1/credits/lookup',
    tag: 'Credits',
    summary: 'Look up credits',
    description:
      'Finds open and past credits by notice number, by the payload of the pagoPA QR code, or by debtor tax code and service. POST keeps tax codes out of URLs and logs. Debtor data is masked for publishable and terminal keys.',
    security: ['publishableKey', 'terminalKey'],
    idempotent: false,
    body: creditLookupRequestSchema,
    success: { status: 200, response: { description: 'Matching credits (possibly none for a tax-code search).', schema: creditListSchema } },
    errors: [...common, 'validation_failed', 'credit_not_found', 'service_not_found', 'payload_too_large', 'unsupported_media_type', 'source_unavailable'],
  },
  createPayment: {
    operationId: 'createPayment',
    method: 'post',
    path: '/v1/payments',
    tag: 'Payments',
    summary: 'Pay a credit at an agent',
    description:
      "Debits the shop's float by the amount plus the institution's fee share, closes the credit, issues the receipt and queues one SEPA transfer to the comune. Answers once the bank reference is known, or after a bounded wait with transfer.status `pending`. Replaying the same Idempotency-Key returns the same payment.",
    security: ['terminalKey'],
    idempotent: true,
    body: paymentCreateRequestSchema,
    success: { status: 201, response: { description: 'The payment, with its receipt and transfer.', schema: paymentSchema } },
    errors: [...common, ...writes, 'credit_not_found', 'credit_already_paid', 'credit_not_payable', 'insufficient_float', 'amount_mismatch', 'source_unavailable'],
  },
  getPayment: {
    operationId: 'getPayment',
    method: 'get',
    path: '/v1/payments/{id}',
    tag: 'Payments',
    summary: 'Read a payment',
    description: "Reads a payment of this terminal's shop, with the transfer's current status and bank reference.",
    security: ['terminalKey'],
    idempotent: false,
    params: idParam('pay'),
    success: { status: 200, response: { description: 'The payment.', schema: paymentSchema } },
    errors: [...common, 'validation_failed', 'payment_not_found'],
  },
  getReceipt: {
    operationId: 'getReceipt',
    method: 'get',
    path: '/v1/receipts/{id}',
    tag: 'Receipts',
    summary: 'Read or print a receipt',
    description:
      'The receipt as JSON, or rendered for printing: `text58` (32 columns) and `text80` (48 columns) monospaced text for thermal POS printers, or `pdf`. The bank reference reads "in attesa" until the bank answers.',
    security: ['terminalKey'],
    idempotent: false,
    params: idParam('rcp'),
    query: receiptFormatQuery,
    success: receiptSuccess,
    errors: [...common, 'validation_failed', 'receipt_not_found'],
  },
  verifyReceipt: {
    operationId: 'verifyReceipt',
    method: 'get',
    path: '/v1/receipts/verify/{code}',
    tag: 'Receipts',
    summary: 'Check that a receipt is genuine',
    description: 'Anyone holding a receipt can check its verification code (printed and in the QR code). No key needed.',
    security: [],
    idempotent: false,
    params: z.object({ code: z.string().min(4).max(40).describe('Verification code as printed, with or without dashes.') }),
    success: { status: 200, response: { description: 'The receipt is genuine: what it says.', schema: receiptVerificationSchema } },
    // No key is needed, but a key sent anyway is checked like everywhere else: a wrong one is refused.
    errors: ['validation_failed', 'unauthorized', 'forbidden', 'agent_suspended', 'receipt_not_found', 'rate_limited', 'internal_error', 'service_unavailable'],
  },
  listServices: {
    operationId: 'listServices',
    method: 'get',
    path: '/v1/services',
    tag: 'Services',
    summary: "List the comune's services",
    description: 'The service catalogue. Services that accept unexpected credits carry the fields to collect and the amount rule, enough to build a form.',
    security: ['publishableKey', 'terminalKey'],
    idempotent: false,
    success: { status: 200, response: { description: 'The services.', schema: serviceListSchema } },
    errors: common,
  },
  createUnexpectedCredit: {
    operationId: 'createUnexpectedCredit',
    method: 'post',
    path: '/v1/unexpected-credits',
    tag: 'Unexpected credits',
    summary: 'Record and pay an unexpected credit',
    description:
      "Opens and closes a credit the comune did not know in advance (credito non atteso, e.g. a market stall fee), in one step: the fields are checked against the service's definition and the amount against its rule, then the credit is created already paid, with its payment, receipt and transfer.",
    security: ['terminalKey'],
    idempotent: true,
    body: unexpectedCreditCreateRequestSchema,
    success: { status: 201, response: { description: 'The new credit and its payment.', schema: unexpectedCreditResultSchema } },
    errors: [...common, ...writes, 'service_not_found', 'unexpected_credits_not_accepted', 'amount_out_of_bounds', 'insufficient_float'],
  },
  getAgentBalance: {
    operationId: 'getAgentBalance',
    method: 'get',
    path: '/v1/agent/balance',
    tag: 'Agent',
    summary: "The shop's float",
    description: "The float of this terminal's shop, today's takings and whether it is time to top up.",
    security: ['terminalKey'],
    idempotent: false,
    success: { status: 200, response: { description: 'The balance.', schema: agentBalanceSchema } },
    errors: common,
  },
  getAgentReport: {
    operationId: 'getAgentReport',
    method: 'get',
    path: '/v1/agent/report',
    tag: 'Agent',
    summary: 'Daily closing of the shop',
    description: 'Count and totals of the payments of one day (Europe/Rome), fees split, per service, top-ups, opening and closing float.',
    security: ['terminalKey'],
    idempotent: false,
    query: agentReportQuerySchema,
    success: { status: 200, response: { description: 'The report.', schema: agentReportSchema } },
    errors: [...common, 'validation_failed'],
  },
  createCheckoutSession: {
    operationId: 'createCheckoutSession',
    method: 'post',
    path: '/v1/checkout-sessions',
    tag: 'Checkout',
    summary: 'Start a card payment on the web',
    description:
      "Opens a card payment of one credit from the comune's site: the answer carries the web fee, the total and `url`, the card acquirer's hosted page to send the browser to (a redirect, never an iframe: card data never touches the comune's page). The acquirer sends the browser back to `returnUrl` with `paybox_checkout=<id>` added; read the session then. Nothing is charged or locked yet: a second session for the same credit (another tab) is allowed, and only one can ever pay it. `returnUrl` must be on one of the key's allowed origins.",
    security: ['publishableKey'],
    idempotent: false,
    body: checkoutSessionCreateRequestSchema,
    success: { status: 201, response: { description: 'The session, open.', schema: checkoutSessionSchema } },
    errors: [...common, 'validation_failed', 'credit_not_found', 'credit_already_paid', 'credit_not_payable', 'amount_mismatch', 'payload_too_large', 'unsupported_media_type', 'source_unavailable'],
  },
  getCheckoutSession: {
    operationId: 'getCheckoutSession',
    method: 'get',
    path: '/v1/checkout-sessions/{id}',
    tag: 'Checkout',
    summary: 'Read a card payment',
    description:
      'Where a card payment stands: `open` (after a declined card too, see `lastDecline`), `succeeded` with its payment, receipt and transfer (the CRO/TRN once the bank answers: read again until `payment.transfer.bankReference` is set), `already_paid` (paid elsewhere meanwhile: the card was not charged) or `expired`.',
    security: ['publishableKey'],
    idempotent: false,
    params: idParam('cks'),
    success: { status: 200, response: { description: 'The session.', schema: checkoutSessionSchema } },
    errors: [...common, 'validation_failed', 'checkout_session_not_found'],
  },
  getCheckoutReceipt: {
    operationId: 'getCheckoutReceipt',
    method: 'get',
    path: '/v1/checkout-sessions/{id}/receipt',
    tag: 'Checkout',
    summary: 'The receipt of a card payment',
    description: 'The receipt of a session that succeeded, for the citizen to print or download: JSON, text for a receipt printer, or PDF.',
    security: ['publishableKey'],
    idempotent: false,
    params: idParam('cks'),
    query: receiptFormatQuery,
    success: receiptSuccess,
    errors: [...common, 'validation_failed', 'checkout_session_not_found', 'receipt_not_found'],
  },
  listPoints: {
    operationId: 'listPoints',
    method: 'get',
    path: '/v1/points',
    tag: 'Points',
    summary: "The comune's Pay-Box shops",
    description: 'Where a citizen can pay in cash: each shop of the comune with its address and opening hours (Rome time).',
    security: ['publishableKey', 'terminalKey'],
    idempotent: false,
    success: { status: 200, response: { description: 'The shops, by name.', schema: pointListSchema } },
    errors: common,
  },
} as const satisfies Record<string, Operation>;

/** Every operation: the public API's (keys), the staff API's and the platform's (session cookie). */
export const operations = { ...publicOperations, ...terminalPairingOperations, ...adminOperations, ...platformOperations } as const satisfies Record<string, Operation>;

export type OperationId = keyof typeof operations;
export type PublicOperationId = keyof typeof publicOperations;
