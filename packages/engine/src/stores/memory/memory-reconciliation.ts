import type { ClosingPaymentRow, ReconciliationRepository, StatementEntryRow, StatementEntryWithMatch, StatementRow, TransferReconciliationRow } from '../../ports/reconciliation.js';
import type { CreditRow, PaymentRow, ServiceRow, TransferRow } from '../../ports/rows.js';

/** The tables reconciliation reads and writes, as the memory store holds them. */
export interface ReconciliationTables {
  statements: Map<string, StatementRow>;
  statement_entries: Map<string, StatementEntryRow>;
  transfer_reconciliations: Map<string, TransferReconciliationRow>;
  transfers: ReadonlyMap<string, TransferRow>;
  payments: ReadonlyMap<string, PaymentRow>;
  credits: ReadonlyMap<string, CreditRow>;
  services: ReadonlyMap<string, ServiceRow>;
}

/** Writes through the store, so that they are journalled and undone with their unit of work. */
export type MemoryWrite = <K, V>(table: Map<K, V>, key: K, value: V) => void;

/** Orders by several keys as SQL's ORDER BY would, each ascending or descending. */
function by<T>(...keys: Array<[(row: T) => string | number, 'asc' | 'desc']>) {
  return (a: T, b: T) => {
    for (const [key, direction] of keys) {
      const [x, y] = [key(a), key(b)];
      if (x !== y) return (x < y ? -1 : 1) * (direction === 'asc' ? 1 : -1);
    }
    return 0;
  };
}

const copy = <T>(value: T): T => structuredClone(value);

/** Reconciliation in memory: the same rows and the same order as the SQL stores. */
export function memoryReconciliationRepository(t: ReconciliationTables, write: MemoryWrite): ReconciliationRepository {
  const statementOf = (entry: StatementEntryRow) => t.statements.get(entry.statementId)!;
  const entryOrder = by<StatementEntryRow>([(entry) => statementOf(entry).receivedAt, 'asc'], [(entry) => entry.statementId, 'asc'], [(entry) => entry.line, 'asc'], [(entry) => entry.id, 'asc']);
  const reconciliationOfEntry = () => new Map([...t.transfer_reconciliations.values()].map((row) => [row.statementEntryId, row]));
  const withMatch = (entries: StatementEntryRow[]): StatementEntryWithMatch[] => {
    const proved = reconciliationOfEntry();
    return entries.map((entry) => ({ ...copy(entry), reconciledTransferId: proved.get(entry.id)?.transferId ?? null, matchedBy: proved.get(entry.id)?.matchedBy ?? null }));
  };

  return {
    async lockComune() {},
    async statementByHash(comuneId, contentSha256) {
      return copy([...t.statements.values()].find((row) => row.comuneId === comuneId && row.contentSha256 === contentSha256));
    },
    async getStatement(comuneId, id) {
      const row = t.statements.get(id);
      return row?.comuneId === comuneId ? copy(row) : undefined;
    },
    async listStatements(comuneId, after, limit) {
      return [...t.statements.values()]
        .filter((row) => row.comuneId === comuneId && (after === null || row.receivedAt < after.receivedAt || (row.receivedAt === after.receivedAt && row.id < after.id)))
        .sort(by([(row) => row.receivedAt, 'desc'], [(row) => row.id, 'desc']))
        .slice(0, limit)
        .map(copy);
    },
    async insertStatement(row) {
      if (t.statements.has(row.id) || [...t.statements.values()].some((other) => other.comuneId === row.comuneId && other.contentSha256 === row.contentSha256)) {
        throw new Error('UNIQUE constraint failed: statements.comune_id, statements.content_sha256');
      }
      write(t.statements, row.id, copy(row));
    },
    async insertEntries(rows) {
      for (const row of rows) {
        if (t.statement_entries.has(row.id)) throw new Error('UNIQUE constraint failed: statement_entries.id');
        write(t.statement_entries, row.id, copy(row));
      }
    },
    async entriesOf(comuneId, statementId) {
      return withMatch([...t.statement_entries.values()].filter((row) => row.comuneId === comuneId && row.statementId === statementId).sort(entryOrder));
    },
    async openEntries(comuneId) {
      const proved = reconciliationOfEntry();
      return [...t.statement_entries.values()].filter((row) => row.comuneId === comuneId && !proved.has(row.id)).sort(entryOrder).map(copy);
    },
    async openTransfers(comuneId) {
      return [...t.transfers.values()]
        .filter((row) => row.comuneId === comuneId && row.status !== 'rejected' && !t.transfer_reconciliations.has(row.id))
        .sort(by([(row) => row.createdAt, 'asc'], [(row) => row.id, 'asc']))
        .map(({ id, comuneId: comune, paymentId, retries, amount, remittance, status, bankReference, createdAt, settledAt }) => ({ id, comuneId: comune, paymentId, retries, amount, remittance, status, bankReference, createdAt, settledAt }));
    },
    async periods(comuneId) {
      return [...t.statements.values()].filter((row) => row.comuneId === comuneId).map((row) => ({ from: row.periodFrom, to: row.periodTo }));
    },
    async insertReconciliations(rows) {
      const proved = reconciliationOfEntry();
      for (const row of rows) {
        if (t.transfer_reconciliations.has(row.transferId) || proved.has(row.statementEntryId)) throw new Error('UNIQUE constraint failed: transfer_reconciliations');
        write(t.transfer_reconciliations, row.transferId, copy(row));
        proved.set(row.statementEntryId, row);
      }
    },
    async matches(comuneId) {
      return [...t.transfer_reconciliations.values()]
        .filter((row) => row.comuneId === comuneId)
        .sort(by([(row) => row.reconciledAt, 'desc'], [(row) => row.transferId, 'asc']))
        .map((row) => {
          const transfer = t.transfers.get(row.transferId)!;
          return { ...copy(row), paymentId: transfer.paymentId, statementId: t.statement_entries.get(row.statementEntryId)!.statementId, amount: transfer.amount, bankReference: transfer.bankReference };
        });
    },
    async closingPayments(comuneId, from, to) {
      const transferOf = new Map([...t.transfers.values()].map((transfer) => [transfer.paymentId, transfer]));
      return [...t.payments.values()]
        .filter((payment) => payment.comuneId === comuneId && payment.createdAt >= from && payment.createdAt < to)
        .sort(by([(payment) => payment.createdAt, 'asc'], [(payment) => payment.id, 'asc']))
        .map((payment): ClosingPaymentRow => {
          const credit = t.credits.get(payment.creditId)!;
          const transfer = transferOf.get(payment.id);
          const reconciliation = transfer && t.transfer_reconciliations.get(transfer.id);
          const entry = reconciliation && t.statement_entries.get(reconciliation.statementEntryId);
          return {
            paymentId: payment.id,
            createdAt: payment.createdAt,
            channel: payment.channel,
            amount: payment.amount,
            citizenFee: payment.citizenFee,
            serviceCode: t.services.get(credit.serviceId)!.code,
            noticeNumber: credit.noticeNumber,
            transferId: transfer?.id ?? null,
            transferStatus: transfer?.status ?? null,
            transferAmount: transfer?.amount ?? null,
            bankReference: transfer?.bankReference ?? null,
            entryId: entry?.id ?? null,
            entryBookedOn: entry?.bookedOn ?? null,
            entryAmount: entry?.amount ?? null,
            matchedBy: reconciliation?.matchedBy ?? null,
          };
        });
    },
    async entriesBookedOn(comuneId, date) {
      return withMatch([...t.statement_entries.values()].filter((row) => row.comuneId === comuneId && row.bookedOn === date).sort(entryOrder));
    },
  };
}
