import type { AdminCredit } from '@pay-box/contract';
import type { ComuneCatalogue } from '../catalogue/catalogue.js';
import { DomainError } from '../errors.js';
import type { PageMark, StaffCreditRow } from '../ports/gestionale.js';
import type { UnitOfWork } from '../ports/store.js';
import type { EngineContext } from '../context.js';

/** A credit as the cruscotto shows it: every field, the debtor unmasked (staff of its own comune only). */
export function adminCreditView(row: StaffCreditRow, catalogue: ComuneCatalogue): AdminCredit {
  const service = catalogue.serviceById(row.serviceId);
  return {
    id: row.id,
    noticeNumber: row.noticeNumber,
    iuv: row.iuv,
    service: { code: service?.code ?? '', name: service?.name ?? '' },
    debtor: { type: row.debtorType, taxCode: row.debtorTaxCode, name: row.debtorName },
    description: row.description,
    publicDescription: row.publicDescription,
    amount: row.amount,
    dueDate: row.dueDate,
    status: row.status,
    unexpected: row.unexpected,
    fields: row.fields,
    createdAt: row.createdAt,
    updatedAt: row.updatedAt,
    paidAt: row.paidAt,
    cancelledAt: row.cancelledAt,
    cancelReason: row.cancelReason,
  };
}

/** The comune's catalogue, which exists for as long as its staff can log in. */
export async function catalogueOf(ctx: EngineContext, tx: UnitOfWork, comuneId: string): Promise<ComuneCatalogue> {
  const catalogue = await ctx.catalogue.get(tx, comuneId);
  if (!catalogue) throw new Error(`comune ${comuneId} has staff but no catalogue`);
  return catalogue;
}

/** A cursor is where the last page ended: `<instant>|<id>`, opaque to clients. */
export const cursorOf = (mark: PageMark): string => `${mark.at}|${mark.id}`;

export function pageMarkOf(cursor: string | undefined): PageMark | null {
  if (cursor === undefined) return null;
  const match = /^(\d{4}-\d{2}-\d{2}T[\d:.]+Z)\|(\w{1,60})$/.exec(cursor);
  if (!match) throw new DomainError('validation_failed', [{ path: 'cursor', message: 'not a cursor of this list: pass nextCursor back as it came' }]);
  return { at: match[1]!, id: match[2]! };
}

/** A page of `limit` rows read with one more, to know whether another page follows. */
export function pageOf<R, T>(rows: R[], limit: number, view: (row: R) => T, mark: (row: R) => PageMark): { data: T[]; nextCursor: string | null } {
  const shown = rows.slice(0, limit);
  return { data: shown.map(view), nextCursor: rows.length > limit ? cursorOf(mark(shown.at(-1)!)) : null };
}
