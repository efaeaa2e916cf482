import { checkAmount, makeNoticeNumber, romeDate, taxCodeKind, unexpectedCreditDescription, validateFields, type FieldIssue, type FieldValues } from '@pay-box/contract';
import type { ComuneCatalogue } from '../catalogue/catalogue.js';
import type { EngineContext } from '../context.js';
import { DomainError } from '../errors.js';
import type { CreditRow, ServiceRow, UnexpectedCreditDraft } from '../ports/rows.js';
import type { UnitOfWork } from '../ports/store.js';

/** A draft checked against its service: the clean field values, and the causale receipts print. */
export interface CheckedUnexpectedCredit {
  service: ServiceRow;
  debtor: { taxCode: string; name: string };
  values: FieldValues;
  causale: string;
}

/**
 * Checks a draft and its amount against the service's field definitions and amount rule, on the
 * day `at` falls on in Rome (a fine's reduction, a date not in the future). `path` prefixes the
 * fields' paths in the errors: where the draft sits in the request.
 */
export function checkUnexpectedCredit(catalogue: ComuneCatalogue, draft: UnexpectedCreditDraft, amount: number, at: Date, path = ''): CheckedUnexpectedCredit {
  const service = catalogue.serviceByCode(draft.serviceCode);
  if (!service) throw new DomainError('service_not_found', { serviceCode: draft.serviceCode });
  if (!service.acceptsUnexpected || !service.fields || !service.amountRule) throw new DomainError('unexpected_credits_not_accepted');
  const today = romeDate(at);
  const { values, issues } = validateFields(service.fields, draft.fields, today);
  if (issues.length > 0) throw new DomainError('validation_failed', issues.map((issue: FieldIssue) => ({ ...issue, path: `${path}${issue.path}` })));
  const amountProblem = checkAmount(service.amountRule, amount, values, today);
  if (amountProblem) throw new DomainError('amount_out_of_bounds', amountProblem);
  return { service, debtor: draft.debtor, values, causale: unexpectedCreditDescription(service.name, service.fields, values) };
}

/**
 * Writes the credit of a checked draft, open, with a notice number of the comune's own: the payment
 * written next in the same unit of work closes it. Its citizen-safe description is the causale;
 * `description` (a shop's free text) is the comune's, seen by its staff only.
 */
export async function openUnexpectedCredit(
  ctx: EngineContext,
  tx: UnitOfWork,
  catalogue: ComuneCatalogue,
  checked: CheckedUnexpectedCredit,
  amount: number,
  at: Date,
  description?: string,
): Promise<CreditRow> {
  const { comune } = catalogue;
  const noticeNumber = makeNoticeNumber(comune.segregationCode, await tx.comuni.nextIuvBase(comune.id));
  const credit: CreditRow = {
    id: ctx.ids.id('crd'),
    comuneId: comune.id,
    serviceId: checked.service.id,
    noticeNumber,
    iuv: noticeNumber.slice(1),
    debtorType: taxCodeKind(checked.debtor.taxCode) ?? 'person',
    debtorTaxCode: checked.debtor.taxCode,
    debtorName: checked.debtor.name,
    description: description ?? checked.causale,
    publicDescription: checked.causale,
    amount,
    dueDate: null,
    status: 'open',
    unexpected: true,
    fields: checked.values,
    createdAt: at.toISOString(),
    paidAt: null,
  };
  await tx.credits.insert(credit);
  return credit;
}
