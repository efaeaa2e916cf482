import { checkAmount, makeNoticeNumber, taxCodeKind, unexpectedCreditDescription, validateFields, type UnexpectedCreditCreateRequest, type UnexpectedCreditResult } from '@pay-box/sdk/contract';
import { DomainError } from '../domain-error.js';
import { collectAtAgent } from './collect-payment.js';
import type { ServiceContext } from './context.js';
import type { IdempotentWrites } from './idempotent-writes.js';
import { respondWithPayment } from './pay-credit.js';
import type { TerminalPrincipal } from './principal.js';
import { creditView } from './views.js';

/** The request as validated by the contract (tax code normalised). */
export type UnexpectedCreditInput = Omit<UnexpectedCreditCreateRequest, 'debtor'> & { debtor: { taxCode: string; name: string } };

/**
 * Records a credit the comune did not know in advance and pays it in the same transaction:
 * opened and closed at once, with every field kept for the comune to register it later.
 */
export async function payUnexpectedCredit(
  ctx: ServiceContext,
  idempotent: IdempotentWrites,
  principal: TerminalPrincipal,
  request: UnexpectedCreditInput,
  idempotencyKey: string,
): Promise<UnexpectedCreditResult & { replayed: boolean }> {
  const { payment, replayed } = await idempotent.run(
    { apiKeyId: principal.keyId, key: idempotencyKey, operation: 'createUnexpectedCredit', request },
    () => {
      const { repos } = ctx;
      const service = repos.tenants.serviceByCode(principal.comuneId, request.serviceCode);
      if (!service) throw new DomainError('service_not_found', { serviceCode: request.serviceCode });
      if (!service.acceptsUnexpected || !service.fields || !service.amountRule) throw new DomainError('unexpected_credits_not_accepted');
      const { values, issues } = validateFields(service.fields, request.fields);
      if (issues.length > 0) throw new DomainError('validation_failed', issues);
      const amountProblem = checkAmount(service.amountRule, request.amount, values);
      if (amountProblem) throw new DomainError('amount_out_of_bounds', amountProblem);

      const comune = repos.tenants.comune(principal.comuneId)!;
      const noticeNumber = makeNoticeNumber(comune.segregationCode, repos.tenants.nextIuvBase(comune.id));
      const now = ctx.clock.now();
      const credit = {
        id: ctx.ids.id('crd'),
        comuneId: comune.id,
        serviceId: service.id,
        noticeNumber,
        iuv: noticeNumber.slice(1),
        debtorType: taxCodeKind(request.debtor.taxCode) ?? 'person',
        debtorTaxCode: request.debtor.taxCode,
        debtorName: request.debtor.name,
        description: request.description ?? unexpectedCreditDescription(service.name, service.fields, values),
        amount: request.amount,
        dueDate: null,
        status: 'open' as const,
        unexpected: true,
        fields: values,
        createdAt: now.toISOString(),
        paidAt: null,
      };
      repos.credits.insert(credit);
      return collectAtAgent(ctx, principal, credit, now);
    },
    (paymentId, replayed) => respondWithPayment(ctx, paymentId, replayed),
  );
  const credit = ctx.repos.credits.get(principal.comuneId, payment.creditId)!;
  return { credit: creditView(ctx, credit, principal, 'agent'), payment, replayed };
}
