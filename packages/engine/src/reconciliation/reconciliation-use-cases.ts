import type { ReconciliationResult, StatementDetail, StatementSummary } from '@pay-box/contract';
import type { EngineContext } from '../context.js';
import { DomainError } from '../errors.js';
import { recordStaffAction } from '../staff/staff-actions.js';
import { requireComuneRole, type StaffPrincipal } from '../staff/staff-principal.js';
import { currentReconciliation, reconcileOpen } from './reconcile-open.js';
import { recordReconciliationCompleted } from './reconciliation-event.js';
import { entryView, statementSummary } from './views.js';

/** Runs matching again over everything still open, and marks what now matches reconciled (audited). */
export async function runReconciliation(ctx: EngineContext, staff: StaffPrincipal): Promise<ReconciliationResult> {
  const principal = requireComuneRole(staff, 'operator');
  const at = ctx.clock.now().toISOString();
  return ctx.store.transaction(async (tx) => {
    await tx.reconciliation.lockComune(principal.comuneId);
    const result = await reconcileOpen(tx, principal.comuneId, at);
    await recordReconciliationCompleted(tx, ctx.ids, principal.comuneId, null, result.totals, at);
    await recordStaffAction(tx, principal, { action: 'reconciliation.run', details: { ...result.totals } }, at);
    return result;
  });
}

/** The comune's reconciliation as it stands: every match recorded, and what is still open. */
export async function getReconciliation(ctx: EngineContext, staff: StaffPrincipal): Promise<ReconciliationResult> {
  const principal = requireComuneRole(staff, 'viewer');
  return ctx.store.snapshot((tx) => currentReconciliation(tx, principal.comuneId, ctx.clock.now().toISOString()));
}

/** A cursor is the last row's receipt instant and id, opaque to clients. */
const encodeCursor = (row: { receivedAt: string; id: string }) => `${row.receivedAt}~${row.id}`;
function decodeCursor(cursor: string | undefined): { receivedAt: string; id: string } | null {
  const [receivedAt, id] = cursor?.split('~') ?? [];
  return receivedAt && id ? { receivedAt, id } : null;
}

export async function listStatements(ctx: EngineContext, staff: StaffPrincipal, page: { cursor?: string | undefined; limit: number }): Promise<{ data: StatementSummary[]; nextCursor: string | null }> {
  const principal = requireComuneRole(staff, 'viewer');
  const rows = await ctx.store.read((tx) => tx.reconciliation.listStatements(principal.comuneId, decodeCursor(page.cursor), page.limit + 1));
  const data = rows.slice(0, page.limit);
  return { data: data.map(statementSummary), nextCursor: rows.length > page.limit ? encodeCursor(data.at(-1)!) : null };
}

export async function getStatement(ctx: EngineContext, staff: StaffPrincipal, id: string): Promise<StatementDetail> {
  const principal = requireComuneRole(staff, 'viewer');
  return ctx.store.snapshot(async (tx) => {
    const statement = await tx.reconciliation.getStatement(principal.comuneId, id);
    if (!statement) throw new DomainError('statement_not_found');
    const entries = await tx.reconciliation.entriesOf(principal.comuneId, id);
    return { ...statementSummary(statement), entryList: entries.map((entry) => ({ ...entryView(entry), reconciledTransferId: entry.reconciledTransferId })) };
  });
}
