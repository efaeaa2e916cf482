import type { EngineContext } from '../context.js';
import { refreshFromSources } from './source-credits.js';

/**
 * Just before a credit is paid, reads it again from the comune's own system when it lives there, so
 * that a changed amount is refused (`amount_mismatch`) and a credit paid through another channel
 * (`credit_already_paid`) is not collected twice. A credit Pay-Box already closed (a retried request
 * answered from its first payment) is not asked for again.
 */
export async function refreshOpenCredit(ctx: EngineContext, comuneId: string, creditId: string): Promise<void> {
  const open = await ctx.store.read(async (tx) => {
    const credit = await tx.credits.get(comuneId, creditId);
    return credit?.status === 'open' ? credit : undefined;
  });
  if (open) await refreshFromSources(ctx, comuneId, { noticeNumber: open.noticeNumber });
}
