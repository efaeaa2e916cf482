import type { UnexpectedCreditResult } from '@pay-box/contract';
import {
  amountProblem,
  fieldValuesProblem,
  idempotencyKeyProblem,
  rejectInvalid,
  serviceCodeProblem,
  taxCodeProblem,
  textProblem,
} from '../argument-checks.js';
import { newIdempotencyKey } from '../idempotency-key.js';
import type { Transport } from '../transport.js';
import type { UnexpectedCreditInput, WriteOptions } from '../types.js';

export interface UnexpectedCreditsResource {
  /**
   * Records and pays in one step a credit the comune did not know in advance (a market stall fee,
   * say): the fields are checked against the service's definition and the amount against its rule.
   * Retried with the same Idempotency-Key, so it never records or pays twice.
   */
  create(input: UnexpectedCreditInput, options?: WriteOptions): Promise<UnexpectedCreditResult>;
}

export function unexpectedCreditsResource(transport: Transport): UnexpectedCreditsResource {
  return {
    async create(input, options) {
      const description = input?.description;
      rejectInvalid(transport.locale, [
        ['serviceCode', serviceCodeProblem(input?.serviceCode)],
        ['debtor.taxCode', taxCodeProblem(input?.debtor?.taxCode)],
        ['debtor.name', textProblem(input?.debtor?.name, { min: 2, max: 120 })],
        ['fields', fieldValuesProblem(input?.fields)],
        ['amount', amountProblem(input?.amount)],
        ['description', description === undefined ? null : textProblem(description, { min: 0, max: 140 })],
        ['idempotencyKey', idempotencyKeyProblem(options?.idempotencyKey)],
      ]);
      const { serviceCode, debtor, fields, amount } = input;
      return transport.json<UnexpectedCreditResult>({
        operation: 'createUnexpectedCredit',
        method: 'post',
        path: 'v1/unexpected-credits',
        body: { serviceCode, debtor: { taxCode: debtor.taxCode, name: debtor.name }, fields, amount, description },
        idempotencyKey: options?.idempotencyKey ?? newIdempotencyKey(),
      });
    },
  };
}
