import { romeDate, type UnexpectedCreditEntry, type UnexpectedCreditRegistrationRequest } from '@pay-box/contract';
import type { ComuneCatalogue } from '../catalogue/catalogue.js';
import type { EngineContext } from '../context.js';
import { DomainError } from '../errors.js';
import type { PageMark, UnexpectedCreditQueueRow } from '../ports/gestionale.js';
import { recordStaffAction } from '../staff/staff-actions.js';
import { requireComuneRole, type StaffPrincipal } from '../staff/staff-principal.js';
import { adminCreditView, catalogueOf, pageMarkOf, pageOf } from './admin-credit-view.js';
import { formatEuroCents, spreadsheetSafe, writeCsv } from './credit-csv.js';

const entryView = (row: UnexpectedCreditQueueRow, catalogue: ComuneCatalogue): UnexpectedCreditEntry => ({
  credit: adminCreditView(row.credit, catalogue),
  payment: row.payment,
  registration: row.registration && {
    accertamentoNumber: row.registration.accertamentoNumber,
    budgetChapter: row.registration.budgetChapter,
    registeredAt: row.registration.registeredAt,
    registeredBy: row.registration.registeredBy,
  },
});
const markOf = (row: UnexpectedCreditQueueRow): PageMark => ({ at: row.payment.createdAt, id: row.credit.id });

/** Unexpected credits paid at shops, on the web or in apps, newest payment first: `registered: false` is the queue to book. */
export async function listUnexpectedCredits(
  ctx: EngineContext,
  principal: StaffPrincipal,
  query: { registered?: boolean | undefined; cursor?: string | undefined; limit: number },
): Promise<{ data: UnexpectedCreditEntry[]; nextCursor: string | null }> {
  const viewer = requireComuneRole(principal, 'viewer');
  const after = pageMarkOf(query.cursor);
  return ctx.store.read(async (tx) => {
    const catalogue = await catalogueOf(ctx, tx, viewer.comuneId);
    const rows = await tx.gestionale.unexpectedCredits(viewer.comuneId, query.registered ?? null, after, query.limit + 1);
    return pageOf(rows, query.limit, (row) => entryView(row, catalogue), markOf);
  });
}

/**
 * Registers unexpected credits in the comune's books (accertamento and budget chapter), all of the
 * request or none. Sending a registration again with the same numbers changes nothing (a retried or
 * double-clicked request is harmless); with other numbers it is refused: a booked entry is corrected
 * in the books, not overwritten here.
 */
export async function registerUnexpectedCredits(ctx: EngineContext, principal: StaffPrincipal, request: UnexpectedCreditRegistrationRequest): Promise<{ registered: number }> {
  const operator = requireComuneRole(principal, 'operator');
  const at = ctx.clock.now().toISOString();
  return ctx.store.transaction(async (tx) => {
    let registered = 0;
    for (const item of request.items) {
      const credit = await tx.gestionale.credit(operator.comuneId, item.creditId);
      if (!credit || !credit.unexpected || credit.status !== 'paid') throw new DomainError('credit_not_found', { creditId: item.creditId, reason: 'no paid unexpected credit with this id in your comune' });
      const existing = await tx.gestionale.registration(operator.comuneId, item.creditId);
      if (existing) {
        if (existing.accertamentoNumber === item.accertamentoNumber && existing.budgetChapter === item.budgetChapter) continue;
        throw new DomainError('unexpected_credit_already_registered', { creditId: item.creditId, accertamentoNumber: existing.accertamentoNumber, budgetChapter: existing.budgetChapter });
      }
      await tx.gestionale.insertRegistration({ creditId: item.creditId, comuneId: operator.comuneId, accertamentoNumber: item.accertamentoNumber, budgetChapter: item.budgetChapter, registeredBy: operator.email, registeredAt: at });
      await recordStaffAction(
        tx,
        operator,
        { action: 'unexpected_credit.register', subjectId: item.creditId, details: { noticeNumber: credit.noticeNumber, amount: credit.amount, accertamentoNumber: item.accertamentoNumber, budgetChapter: item.budgetChapter } },
        at,
      );
      registered++;
    }
    return { registered };
  });
}

/** The export's fixed columns; a column per field of the comune's unexpected-credit services follows (`campo_<name>`). */
const UNEXPECTED_CREDIT_CSV_COLUMNS = [
  'id_credito',
  'codice_avviso',
  'iuv',
  'data_pagamento',
  'istante_pagamento',
  'id_pagamento',
  'canale',
  'esercente',
  'servizio',
  'nome_servizio',
  'codice_fiscale',
  'nominativo',
  'causale',
  'importo',
  'numero_accertamento',
  'capitolo_bilancio',
  'registrato_il',
  'registrato_da',
] as const;

const EXPORT_PAGE = 2_000;

/** Every field name of the services that accept unexpected credits, in service and definition order, then any other found. */
function fieldColumns(catalogue: ComuneCatalogue, rows: UnexpectedCreditQueueRow[]): string[] {
  const names = new Set(catalogue.services.filter((service) => service.acceptsUnexpected).flatMap((service) => (service.fields ?? []).map((field) => field.name)));
  const others = [...new Set(rows.flatMap((row) => Object.keys(row.credit.fields ?? {})))].filter((name) => !names.has(name)).sort();
  return [...names, ...others];
}

/** Unexpected credits (`registered` filters as the list does) as a CSV for the comune's accounting software. */
export async function exportUnexpectedCredits(ctx: EngineContext, principal: StaffPrincipal, registered: boolean | undefined): Promise<string> {
  const viewer = requireComuneRole(principal, 'viewer');
  const rows: UnexpectedCreditQueueRow[] = [];
  let after: PageMark | null = null;
  for (;;) {
    const page: UnexpectedCreditQueueRow[] = await ctx.store.read((tx) => tx.gestionale.unexpectedCredits(viewer.comuneId, registered ?? null, after, EXPORT_PAGE));
    rows.push(...page);
    if (page.length < EXPORT_PAGE) break;
    after = markOf(page.at(-1)!);
  }
  const catalogue = await ctx.store.read((tx) => catalogueOf(ctx, tx, viewer.comuneId));
  const fields = fieldColumns(catalogue, rows);
  const lines = rows.map(({ credit, payment, registration }) => {
    const service = catalogue.serviceById(credit.serviceId);
    return [
      credit.id,
      credit.noticeNumber,
      credit.iuv,
      romeDate(new Date(payment.createdAt)),
      payment.createdAt,
      payment.id,
      payment.channel,
      spreadsheetSafe(payment.agentName ?? ''),
      service?.code ?? '',
      service?.name ?? '',
      credit.debtorTaxCode,
      spreadsheetSafe(credit.debtorName),
      spreadsheetSafe(credit.publicDescription),
      formatEuroCents(credit.amount),
      spreadsheetSafe(registration?.accertamentoNumber ?? ''),
      spreadsheetSafe(registration?.budgetChapter ?? ''),
      registration?.registeredAt ?? '',
      registration?.registeredBy ?? '',
      ...fields.map((name) => spreadsheetSafe(String(credit.fields?.[name] ?? ''))),
    ];
  });
  return writeCsv([...UNEXPECTED_CREDIT_CSV_COLUMNS, ...fields.map((name) => `campo_${name}`)], lines);
}
