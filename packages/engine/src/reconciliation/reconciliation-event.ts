import type { ReconciliationResult } from '@pay-box/contract';
import { recordEvent } from '../events/record-event.js';
import type { IdSource } from '../ports/ids.js';
import type { UnitOfWork } from '../ports/store.js';

/**
 * `reconciliation.completed` in the comune's feed (and to its webhooks), in the unit of work that
 * matched: after a statement's import (about the statement) or a run by hand (about the comune).
 */
export function recordReconciliationCompleted(tx: UnitOfWork, ids: IdSource, comuneId: string, statementId: string | null, totals: ReconciliationResult['totals'], at: string): Promise<void> {
  return recordEvent(tx, ids, { comuneId, type: 'reconciliation.completed', subjectId: statementId ?? comuneId, data: { statementId, ...totals } }, at);
}
