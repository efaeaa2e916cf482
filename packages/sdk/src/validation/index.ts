import type { z } from 'zod';
import {
  agentBalanceSchema,
  agentReportSchema,
  checkoutSessionSchema,
  creditListSchema,
  pairedTerminalSchema,
  pairingCodeSchema,
  paymentSchema,
  pointListSchema,
  receiptSchema,
  receiptVerificationSchema,
  serviceListSchema,
  unexpectedCreditResultSchema,
} from '@pay-box/contract';
import type { OperationId, ResponseValidator } from '../client/types.js';

const responseSchemas: Record<OperationId, z.ZodType> = {
  lookupCredits: creditListSchema,
  createPayment: paymentSchema,
  getPayment: paymentSchema,
  getReceipt: receiptSchema,
  verifyReceipt: receiptVerificationSchema,
  listServices: serviceListSchema,
  createUnexpectedCredit: unexpectedCreditResultSchema,
  getAgentBalance: agentBalanceSchema,
  getAgentReport: agentReportSchema,
  createCheckoutSession: checkoutSessionSchema,
  getCheckoutSession: checkoutSessionSchema,
  getCheckoutReceipt: receiptSchema,
  listPoints: pointListSchema,
  pairTerminal: pairedTerminalSchema,
  createAgentPairingCode: pairingCodeSchema,
};

/**
 * Checks every JSON response against the contract's zod schemas:
 * `createPayBox({ ..., responseValidator: validateResponse })`. A response that does not conform
 * fails with `invalid_response` and the wrong fields in `details`. Opt-in because it adds zod to the bundle.
 */
export const validateResponse: ResponseValidator = (operation, body) => {
  const result = responseSchemas[operation].safeParse(body);
  return result.success ? null : result.error.issues.map((issue) => ({ path: issue.path.join('.'), message: issue.message }));
};
