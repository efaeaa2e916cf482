import { normalizeIban, type StatementImport } from '@pay-box/contract';
import type { EngineContext } from '../context.js';
import { DomainError } from '../errors.js';
import type { StatementEntryRow, StatementRow } from '../ports/reconciliation.js';
import type { ComuneRow } from '../ports/rows.js';
import { recordStaffAction } from '../staff/staff-actions.js';
import { requireComuneRole, type StaffPrincipal } from '../staff/staff-principal.js';
import { currentReconciliation, reconcileOpen } from './reconcile-open.js';
import { recordReconciliationCompleted } from './reconciliation-event.js';
import { iuvOfRemittance } from './remittance-iuv.js';
import type { StatementHolder } from './statements/parsed-statement.js';
import { statementSummary } from './views.js';

/**
 * Imports a treasurer's statement and reconciles at once, in one unit of work: the statement, its
 * entries, the transfers they prove and the audit line commit together or not at all. The same file
 * again (same SHA-256 for the comune) changes nothing and answers with the earlier statement.
 */
export async function importStatement(ctx: EngineContext, staff: StaffPrincipal, content: string): Promise<StatementImport> {
  const principal = requireComuneRole(staff, 'operator');
  // Parsing and hashing are done before the unit of work, which awaits nothing but its transaction.
  // The parsers (an XML and a CSV library) load on the first statement: the SDK's mock never does.
  const { parseStatement } = await import('./statements/parse-statement.js');
  const parsed = parseStatement(content);
  const contentSha256 = await ctx.sha256(content);
  const at = ctx.clock.now().toISOString();
  const statement: StatementRow = {
    id: ctx.ids.id('stm'),
    comuneId: principal.comuneId,
    format: parsed.format,
    contentSha256,
    periodFrom: parsed.period.from,
    periodTo: parsed.period.to,
    entryCount: parsed.entries.length,
    amount: parsed.entries.reduce((sum, entry) => sum + entry.amount, 0),
    receivedAt: at,
    receivedBy: principal.email,
  };
  const entries: StatementEntryRow[] = parsed.entries.map((entry) => ({
    id: ctx.ids.id('ste'),
    statementId: statement.id,
    comuneId: principal.comuneId,
    ...entry,
    iuv: iuvOfRemittance(entry.remittance),
  }));

  return ctx.store.transaction(async (tx) => {
    await tx.reconciliation.lockComune(principal.comuneId);
    const earlier = await tx.reconciliation.statementByHash(principal.comuneId, contentSha256);
    if (earlier) return { ...statementSummary(earlier), duplicate: true, reconciliation: await currentReconciliation(tx, principal.comuneId, at) };
    const comune = await tx.comuni.get(principal.comuneId);
    if (!comune || !isHeldBy(parsed.holder, comune)) throw new DomainError('statement_wrong_account', { holder: parsed.holder });
    const openBefore = await tx.reconciliation.openEntries(principal.comuneId);
    await tx.reconciliation.insertStatement(statement);
    await tx.reconciliation.insertEntries(entries);
    const reconciliation = await reconcileOpen(tx, principal.comuneId, at, [...openBefore, ...entries]);
    await recordReconciliationCompleted(tx, ctx.ids, principal.comuneId, statement.id, reconciliation.totals, at);
    await recordStaffAction(
      tx,
      principal,
      { action: 'statement.import', subjectId: statement.id, details: { format: statement.format, entries: statement.entryCount, amount: statement.amount, matched: reconciliation.totals.matched } },
      at,
    );
    return { ...statementSummary(statement), duplicate: false, reconciliation };
  });
}

/** A statement that names its holder must be the comune's: its fiscal code (OPI) or its treasury IBAN (camt.053). */
function isHeldBy(holder: StatementHolder, comune: ComuneRow): boolean {
  if (holder === null) return true;
  if (holder.kind === 'fiscal_code') return holder.value.trim().toUpperCase() === comune.fiscalCode.toUpperCase();
  return normalizeIban(holder.value) === normalizeIban(comune.treasuryIban);
}
