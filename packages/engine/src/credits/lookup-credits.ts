import { parsePagoPaQr, type Credit, type CreditLookupRequest } from '@pay-box/contract';
import type { Principal } from '../auth/principal.js';
import type { ComuneCatalogue } from '../catalogue/catalogue.js';
import { hasSources, planSourceRead, readSources, type SourceQuery } from '../connectors/source-credits.js';
import type { EngineContext } from '../context.js';
import { DomainError } from '../errors.js';
import type { CreditRow } from '../ports/rows.js';
import type { UnitOfWork } from '../ports/store.js';
import { creditView } from '../views/credit-view.js';

/** The lookup as validated by the contract (notice numbers and tax codes already normalised). */
export type LookupQuery = Omit<CreditLookupRequest, 'noticeNumber' | 'debtorTaxCode'> & { noticeNumber?: string; debtorTaxCode?: string };

/**
 * Finds credits of the caller's comune by notice number, QR payload, or debtor and service.
 *
 * What a key holder who knows only a tax code may learn (GDPR minimisation: a publishable key is
 * public, and anyone may stand at a shop's counter): the open credits of that debtor for one
 * service, each with its amount, due date, notice number and citizen-safe description, and the
 * debtor's initials. Never the debtor's full name, the comune's own description (which may name
 * family members and addresses), nor what was paid, cancelled or expired. Holding a notice (its
 * number or QR code) shows that one credit in whatever state it is.
 *
 * Credits of a service whose comune keeps them in its own system are read from there first.
 */
export async function lookupCredits(ctx: EngineContext, principal: Principal, query: LookupQuery): Promise<Credit[]> {
  const { comuneId } = principal;
  const asked = sourceQuery(query);
  // One read when the credits live in Pay-Box; when they live in the comune's system, ask it, then read.
  const first = await ctx.store.read(async (tx) => {
    // A notice's credit comes with the catalogue's version: one read instead of two on the busiest path.
    const noticeNumber = asked && 'noticeNumber' in asked ? asked.noticeNumber : undefined;
    const found = noticeNumber === undefined ? undefined : await tx.credits.byNoticeNumberWithCatalogueVersion(comuneId, noticeNumber);
    const catalogue = (found ? await ctx.catalogue.at(tx, comuneId, found.catalogueVersion) : await ctx.catalogue.get(tx, comuneId))!;
    const plan = asked && hasSources(catalogue) ? await planSourceRead(tx, catalogue, comuneId, asked) : undefined;
    const read = noticeNumber === undefined ? undefined : { credit: found?.credit };
    return plan ? { plan, credits: undefined } : { plan: undefined, credits: await readLocal(tx, catalogue, principal, query, read) };
  });
  if (first.credits) return first.credits;
  await readSources(ctx, comuneId, asked!, first.plan);
  return ctx.store.read(async (tx) => readLocal(tx, (await ctx.catalogue.get(tx, comuneId))!, principal, query));
}

/** `read` holds the notice's credit (or its absence) when the caller has read it already. */
async function readLocal(tx: UnitOfWork, catalogue: ComuneCatalogue, principal: Principal, query: LookupQuery, read?: { credit: CreditRow | undefined }): Promise<Credit[]> {
  const { comuneId } = principal;
  let noticeNumber = query.noticeNumber;
  if (query.qr !== undefined) {
    const qr = parsePagoPaQr(query.qr);
    if (!qr.ok) throw new DomainError('validation_failed', [{ path: 'qr', message: qr.message }]);
    if (qr.value.creditorFiscalCode !== catalogue.comune.fiscalCode) {
      throw new DomainError('credit_not_found', { reason: 'This notice is payable to another comune.', creditorFiscalCode: qr.value.creditorFiscalCode });
    }
    noticeNumber = qr.value.noticeNumber;
  }
  if (noticeNumber !== undefined) {
    const row = read ? read.credit : await tx.credits.byNoticeNumber(comuneId, noticeNumber);
    if (!row) throw new DomainError('credit_not_found');
    return [creditView(row, catalogue, principal)];
  }
  const service = catalogue.serviceByCode(query.serviceCode!);
  if (!service) throw new DomainError('service_not_found', { serviceCode: query.serviceCode });
  return (await tx.credits.byDebtor(comuneId, query.debtorTaxCode!, service.id, true)).map((row) => creditView(row, catalogue, principal));
}

/** The same query for the comune's own systems (a QR code's notice; a malformed QR is refused below). */
function sourceQuery(query: LookupQuery): SourceQuery | undefined {
  if (query.qr !== undefined) {
    const qr = parsePagoPaQr(query.qr);
    return qr.ok ? { noticeNumber: qr.value.noticeNumber } : undefined;
  }
  if (query.noticeNumber !== undefined) return { noticeNumber: query.noticeNumber };
  return { debtorTaxCode: query.debtorTaxCode!, serviceCode: query.serviceCode! };
}
