import type { Payment, PaymentCreateRequest } from '@pay-box/contract';
import { amountProblem, idempotencyKeyProblem, idProblem, rejectInvalid } from '../argument-checks.js';
import { newIdempotencyKey } from '../idempotency-key.js';
import type { Transport } from '../transport.js';
import type { WriteOptions } from '../types.js';

export interface PaymentsResource {
  /**
   * Pays a credit at the shop: debits the float, closes the credit, issues the receipt and sends
   * the transfer to the comune. `amount` must equal the credit's amount (the fee is added by the
   * server). Answers once the bank reference is known, or with `transfer.status` "pending".
   * Retried with the same Idempotency-Key, so it never pays twice.
   */
  create(input: PaymentCreateRequest, options?: WriteOptions): Promise<Payment>;
  /** Reads a payment of this shop, with the transfer's current status and bank reference. */
  get(id: string): Promise<Payment>;
}

export function paymentsResource(transport: Transport): PaymentsResource {
  return {
    async create(input, options) {
      rejectInvalid(transport.locale, [
        ['creditId', idProblem(input?.creditId, 'crd')],
        ['amount', amountProblem(input?.amount)],
        ['idempotencyKey', idempotencyKeyProblem(options?.idempotencyKey)],
      ]);
      return transport.json<Payment>({
        operation: 'createPayment',
        method: 'post',
        path: 'v1/payments',
        body: { creditId: input.creditId, amount: input.amount },
        idempotencyKey: options?.idempotencyKey ?? newIdempotencyKey(),
      });
    },
    async get(id) {
      rejectInvalid(transport.locale, [['id', idProblem(id, 'pay')]]);
      return transport.json<Payment>({ operation: 'getPayment', method: 'get', path: `v1/payments/${id}` });
    },
  };
}
