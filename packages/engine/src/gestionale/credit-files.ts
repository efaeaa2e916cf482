import { makeNoticeNumber, type AdminCreditFilter, type CreditImportMode, type CreditImportReport } from '@pay-box/contract';
import type { EngineContext } from '../context.js';
import type { PageMark, StaffCreditRow } from '../ports/gestionale.js';
import type { CreditRow } from '../ports/rows.js';
import { recordStaffAction } from '../staff/staff-actions.js';
import { requireComuneRole, type StaffPrincipal } from '../staff/staff-principal.js';
import { catalogueOf } from './admin-credit-view.js';
import { checkCreditRows } from './check-credit-rows.js';
import { CREDIT_CSV_COLUMNS, formatEuroCents, readCreditCsv, spreadsheetSafe, writeCsv } from './credit-csv.js';
import { creditFilterOf } from './credits.js';

/**
 * Imports a CSV of credits in one unit of work: every row checked first, then, unless all-or-nothing
 * met a bad row, the good ones written with a few multi-row inserts and numbered from one reservation
 * of IUV bases. The file is read before the unit of work starts: it awaits nothing but the store.
 */
export async function importCredits(ctx: EngineContext, principal: StaffPrincipal, csv: string, mode: CreditImportMode): Promise<CreditImportReport> {
  const operator = requireComuneRole(principal, 'operator');
  const rows = readCreditCsv(csv);
  const at = ctx.clock.now().toISOString();
  return ctx.store.transaction(async (tx) => {
    const catalogue = await catalogueOf(ctx, tx, operator.comuneId);
    const { drafts, rejected } = checkCreditRows(rows, catalogue, await tx.gestionale.creditKeys(operator.comuneId));
    const report = { mode, total: rows.length, rejected };
    if (drafts.length === 0 || (mode === 'all_or_nothing' && rejected.length > 0)) return { ...report, imported: 0 };

    const bases = await tx.comuni.nextIuvBases(operator.comuneId, drafts.filter((draft) => draft.noticeNumber === null).length);
    let nextBase = 0;
    // Field by field, not by spreading the draft: a 100,000-row import spent a second in object rest alone.
    const credits = drafts.map((draft): CreditRow => {
      const noticeNumber = draft.noticeNumber ?? makeNoticeNumber(catalogue.comune.segregationCode, bases[nextBase++]!);
      return {
        id: ctx.ids.id('crd'),
        comuneId: operator.comuneId,
        serviceId: draft.serviceId,
        noticeNumber,
        iuv: noticeNumber.slice(1),
        debtorType: draft.debtorType,
        debtorTaxCode: draft.debtorTaxCode,
        debtorName: draft.debtorName,
        description: draft.description,
        publicDescription: draft.publicDescription,
        amount: draft.amount,
        dueDate: draft.dueDate,
        status: 'open',
        unexpected: false,
        fields: null,
        createdAt: at,
        paidAt: null,
      };
    });
    await tx.credits.insertMany(credits);
    await recordStaffAction(tx, operator, { action: 'credit.import', details: { mode, total: rows.length, imported: credits.length, rejected: rejected.length } }, at);
    return { ...report, imported: credits.length };
  });
}

/** How many credits one read of the export takes: a large comune's file is read in pages, not held in one query. */
const EXPORT_PAGE = 2_000;

/** The comune's credits (filtered as the list is) in the import's own layout, so that an export imports again. */
export async function exportCredits(ctx: EngineContext, principal: StaffPrincipal, filter: AdminCreditFilter): Promise<string> {
  const viewer = requireComuneRole(principal, 'viewer');
  const lines: string[][] = [];
  let after: PageMark | null = null;
  for (;;) {
    const page: StaffCreditRow[] = await ctx.store.read(async (tx) => {
      const catalogue = await catalogueOf(ctx, tx, viewer.comuneId);
      const rows = await tx.gestionale.listCredits(viewer.comuneId, creditFilterOf(catalogue, filter), after, EXPORT_PAGE);
      for (const row of rows) {
        const service = catalogue.serviceById(row.serviceId)!;
        lines.push([
          service.code,
          row.debtorTaxCode,
          spreadsheetSafe(row.debtorName),
          spreadsheetSafe(row.description),
          spreadsheetSafe(row.publicDescription),
          formatEuroCents(row.amount),
          row.dueDate ?? '',
          row.noticeNumber,
        ]);
      }
      return rows;
    });
    if (page.length < EXPORT_PAGE) break;
    after = { at: page.at(-1)!.createdAt, id: page.at(-1)!.id };
  }
  return writeCsv(CREDIT_CSV_COLUMNS, lines);
}
