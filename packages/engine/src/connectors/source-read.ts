import type { ComuneCatalogue } from '../catalogue/catalogue.js';
import type { EngineContext } from '../context.js';
import type { CreditRow } from '../ports/rows.js';
import { refreshFromSources } from './source-credits.js';

/** Thrown inside a unit of work (rolling it back) when the credit it would pay must first be read again from the comune's system. */
class SourceReadNeeded extends Error {
  constructor(readonly noticeNumber: string) {
    super('the credit must be read again from the comune’s system first');
  }
}

/**
 * Inside a payment's unit of work: a credit that lives in the comune's own system, still open here,
 * is paid only once it was read again from there in this request.
 */
export function requireSourceRead(catalogue: ComuneCatalogue, credit: CreditRow | undefined, sourceRead: boolean): void {
  if (sourceRead || !credit || credit.status !== 'open' || credit.unexpected) return;
  if (catalogue.serviceById(credit.serviceId)?.connectorId) throw new SourceReadNeeded(credit.noticeNumber);
}

/**
 * Runs a payment attempt; when it turns out to pay a credit of the comune's own system, reads that
 * credit again from there (so that a changed amount is `amount_mismatch` and a credit paid through
 * another channel `credit_already_paid`) and runs it once more. A credit in Pay-Box's own store
 * costs nothing more, and a retried request answered from its first payment asks nobody.
 */
export async function withSourceRead<T>(ctx: EngineContext, comuneId: string, attempt: (sourceRead: boolean) => Promise<T>): Promise<T> {
  let needed: SourceReadNeeded;
  try {
    return await attempt(false);
  } catch (error) {
    if (!(error instanceof SourceReadNeeded)) throw error;
    needed = error;
  }
  await refreshFromSources(ctx, comuneId, { noticeNumber: needed.noticeNumber });
  return attempt(true);
}
