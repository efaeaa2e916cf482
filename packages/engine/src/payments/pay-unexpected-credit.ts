import {
  checkAmount,
  makeNoticeNumber,
  romeDate,
  taxCodeKind,
  unexpectedCreditDescription,
  validateFields,
  type UnexpectedCreditCreateRequest,
  type UnexpectedCreditResult,
} from '@pay-box/contract';
import type { TerminalPrincipal } from '../auth/principal.js';
import type { EngineContext } from '../context.js';
import { DomainError } from '../errors.js';
import { creditView } from '../views/credit-view.js';
import { atShop, collectPayment } from './collect-payment.js';
import { runIdempotent } from './idempotency.js';
import { respondWithPayment } from './respond-with-payment.js';

/** The request as validated by the contract (tax code normalised). */
export type UnexpectedCreditInput = Omit<UnexpectedCreditCreateRequest, 'debtor'> & { debtor: { taxCode: string; name: string } };

/**
 * Records a credit the comune did not know in advance and pays it in the same unit of work: opened
 * and closed at once, with every field kept for the comune to register it later. Its citizen-safe
 * description is the causale built from the service's fields; the shop's free text, if any, is the
 * comune's description, seen by its staff only.
 */
export async function payUnexpectedCredit(
  ctx: EngineContext,
  principal: TerminalPrincipal,
  request: UnexpectedCreditInput,
  idempotencyKey: string,
): Promise<UnexpectedCreditResult & { replayed: boolean }> {
  return runIdempotent(
    ctx,
    { apiKeyId: principal.keyId, comuneId: principal.comuneId, key: idempotencyKey, operation: 'createUnexpectedCredit', request },
    async (tx, paymentId) => {
      const catalogue = (await ctx.catalogue.get(tx, principal.comuneId))!;
      const service = catalogue.serviceByCode(request.serviceCode);
      if (!service) throw new DomainError('service_not_found', { serviceCode: request.serviceCode });
      if (!service.acceptsUnexpected || !service.fields || !service.amountRule) throw new DomainError('unexpected_credits_not_accepted');
      // Dates are judged on the day of payment in Rome: a fine's reduction, a date not in the future.
      const now = ctx.clock.now();
      const today = romeDate(now);
      const { values, issues } = validateFields(service.fields, request.fields, today);
      if (issues.length > 0) throw new DomainError('validation_failed', issues);
      const amountProblem = checkAmount(service.amountRule, request.amount, values, today);
      if (amountProblem) throw new DomainError('amount_out_of_bounds', amountProblem);

      const { comune } = catalogue;
      const noticeNumber = makeNoticeNumber(comune.segregationCode, await tx.comuni.nextIuvBase(comune.id));
      const causale = unexpectedCreditDescription(service.name, service.fields, values);
      const credit = {
        id: ctx.ids.id('crd'),
        comuneId: comune.id,
        serviceId: service.id,
        noticeNumber,
        iuv: noticeNumber.slice(1),
        debtorType: taxCodeKind(request.debtor.taxCode) ?? 'person',
        debtorTaxCode: request.debtor.taxCode,
        debtorName: request.debtor.name,
        description: request.description ?? causale,
        publicDescription: causale,
        amount: request.amount,
        dueDate: null,
        status: 'open' as const,
        unexpected: true,
        fields: values,
        createdAt: now.toISOString(),
        paidAt: null,
      };
      await tx.credits.insert(credit);
      const collected = await collectPayment(ctx, tx, catalogue, atShop(principal), credit, paymentId, now);
      return { ...collected, view: creditView(collected.credit, catalogue, principal) };
    },
    async (outcome) => {
      const { payment, replayed } = await respondWithPayment(ctx, outcome);
      if ('created' in outcome) return { credit: outcome.created.view, payment, replayed };
      // A replay reads the credit its first request made.
      const credit = await ctx.store.read(async (tx) => creditView((await tx.credits.get(principal.comuneId, payment.creditId))!, (await ctx.catalogue.get(tx, principal.comuneId))!, principal));
      return { credit, payment, replayed };
    },
  );
}
