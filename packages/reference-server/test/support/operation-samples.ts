import type { OperationId } from '@pay-box/api';
import type { ApiRequest } from './expect-api-error.js';

/** An unexpected credit the demo's MERCATO service accepts: 10 m² at EUR 1.50. */
export const marketStallRequest = {
  serviceCode: 'MERCATO',
  debtor: { taxCode: 'RSSMRA85T10H501O', name: 'Mario Rossi' },
  fields: { market: 'GIOVEDI-CENTRO', date: '2026-11-26', stallNumber: 'A12', squareMeters: 10, sector: 'ALIMENTARE', licenceNumber: 'LIC-2026-001' },
  amount: 1500,
};

/** Ids of the right shape that name nothing. */
export const unknownIds = { staffUser: 'usr_0000000000000000', credit: 'crd_0000000000000000', payment: 'pay_0000000000000000', receipt: 'rcp_0000000000000000', checkoutSession: 'cks_0000000000000000' };

/**
 * One well-formed request per operation, without a key: tests add the key they are about and
 * expect the refusal that key earns. Typed by operation id, so a new operation needs a sample here
 * before the suites that loop over every route will compile.
 */
export const sampleRequests: Record<OperationId, ApiRequest> = {
  lookupCredits: { path: '/v1/credits/lookup', body: { noticeNumber: '301000000000000144' } },
  createPayment: { path: '/v1/payments', body: { creditId: unknownIds.credit, amount: 1500 }, idempotencyKey: 'sample-payment' },
  getPayment: { path: `/v1/payments/${unknownIds.payment}` },
  getReceipt: { path: `/v1/receipts/${unknownIds.receipt}?format=pdf` },
  verifyReceipt: { path: '/v1/receipts/verify/ABCD-EFGH-JKMN' },
  listServices: { path: '/v1/services' },
  createUnexpectedCredit: { path: '/v1/unexpected-credits', body: marketStallRequest, idempotencyKey: 'sample-unexpected' },
  getAgentBalance: { path: '/v1/agent/balance' },
  getAgentReport: { path: '/v1/agent/report?date=2026-11-26' },
  createCheckoutSession: { path: '/v1/checkout-sessions', body: { creditId: unknownIds.credit, amount: 1500, returnUrl: 'http://localhost:8787/pay' } },
  getCheckoutSession: { path: `/v1/checkout-sessions/${unknownIds.checkoutSession}` },
  getCheckoutReceipt: { path: `/v1/checkout-sessions/${unknownIds.checkoutSession}/receipt?format=pdf` },
  listPoints: { path: '/v1/points' },
  createStaffSession: { path: '/v1/admin/session', body: { email: 'nobody@comune.example', password: 'not the password' } },
  getStaffSession: { path: '/v1/admin/session' },
  deleteStaffSession: { path: '/v1/admin/session', method: 'DELETE' },
  listStaffUsers: { path: '/v1/admin/users' },
  createStaffUser: { path: '/v1/admin/users', body: { email: 'new@comune.example', name: 'New', role: 'viewer', password: 'a long first password' } },
  updateStaffUser: { path: `/v1/admin/users/${unknownIds.staffUser}`, method: 'PATCH', body: { role: 'operator' } },
  listStaffActions: { path: '/v1/admin/audit-log' },
};
