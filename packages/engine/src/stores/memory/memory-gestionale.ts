import type { CreditFilter, GestionaleRepository, PageMark, StaffCreditRow, UnexpectedCreditRegistrationRow } from '../../ports/gestionale.js';
import type { AgentRow, CreditRow, PaymentRow } from '../../ports/rows.js';

/** The tables the gestionale reads and writes, as the memory store holds them. */
export interface GestionaleTables {
  credits: Map<string, StaffCreditRow>;
  unexpected_credit_registrations: Map<string, UnexpectedCreditRegistrationRow>;
  payments: ReadonlyMap<string, PaymentRow>;
  agents: ReadonlyMap<string, AgentRow>;
}

/** Writes through the store, so that they are journalled and undone with their unit of work. */
export type MemoryWrite = <K, V>(table: Map<K, V>, key: K, value: V) => void;

const copy = <T>(value: T): T => structuredClone(value);

/** A credit as the payment path reads it: without the staff's columns, as the SQL stores select it. */
export function paymentPathCredit(record: StaffCreditRow): CreditRow {
  const { updatedAt: _updatedAt, cancelledAt: _cancelledAt, cancelReason: _cancelReason, ...row } = record;
  return copy(row);
}

/** A new credit's staff columns: never changed, never cancelled. */
export const untouched = { updatedAt: null, cancelledAt: null, cancelReason: null } as const;

/** Newest first, then by id descending, as SQL's ORDER BY at DESC, id DESC. */
const newestFirst = <T>(mark: (row: T) => PageMark) => (a: T, b: T) => {
  const [x, y] = [mark(a), mark(b)];
  if (x.at !== y.at) return x.at < y.at ? 1 : -1;
  return x.id === y.id ? 0 : x.id < y.id ? 1 : -1;
};
const before = (mark: PageMark, after: PageMark | null) => after === null || mark.at < after.at || (mark.at === after.at && mark.id < after.id);

function matches(row: StaffCreditRow, filter: CreditFilter): boolean {
  if (filter.status !== null && row.status !== filter.status) return false;
  if (filter.serviceId !== null && row.serviceId !== filter.serviceId) return false;
  if (filter.dueFrom !== null && (row.dueDate === null || row.dueDate < filter.dueFrom)) return false;
  if (filter.dueTo !== null && (row.dueDate === null || row.dueDate > filter.dueTo)) return false;
  if (filter.q !== null) {
    const q = filter.q;
    if (row.noticeNumber !== q && row.debtorTaxCode !== q.toUpperCase() && !row.debtorName.toLowerCase().includes(q.toLowerCase())) return false;
  }
  return true;
}

/** The gestionale in memory: the same rows and the same order as the SQL stores. */
export function memoryGestionaleRepository(t: GestionaleTables, write: MemoryWrite): GestionaleRepository {
  const openCredit = (comuneId: string, id: string) => {
    const row = t.credits.get(id);
    return row?.comuneId === comuneId && row.status === 'open' ? row : undefined;
  };
  return {
    async credit(comuneId, id) {
      const row = t.credits.get(id);
      return row?.comuneId === comuneId ? copy(row) : undefined;
    },
    async listCredits(comuneId, filter, after, limit) {
      const mark = (row: StaffCreditRow) => ({ at: row.createdAt, id: row.id });
      return [...t.credits.values()]
        .filter((row) => row.comuneId === comuneId && matches(row, filter) && before(mark(row), after))
        .sort(newestFirst(mark))
        .slice(0, limit)
        .map(copy);
    },
    async creditKeys(comuneId) {
      return [...t.credits.values()]
        .filter((row) => row.comuneId === comuneId)
        .map(({ noticeNumber, serviceId, debtorTaxCode, description, amount, dueDate, status }) => ({ noticeNumber, serviceId, debtorTaxCode, description, amount, dueDate, status }));
    },
    async updateOpenCredit(comuneId, id, change, updatedAt) {
      const row = openCredit(comuneId, id);
      if (!row) return false;
      write(t.credits, id, { ...row, ...copy(change), updatedAt });
      return true;
    },
    async cancelOpenCredit(comuneId, id, reason, at) {
      const row = openCredit(comuneId, id);
      if (!row) return false;
      write(t.credits, id, { ...row, status: 'cancelled', cancelledAt: at, cancelReason: reason, updatedAt: at });
      return true;
    },
    async unexpectedCredits(comuneId, registered, after, limit) {
      const paymentOf = new Map([...t.payments.values()].map((payment) => [payment.creditId, payment]));
      return [...t.credits.values()]
        .filter((credit) => credit.comuneId === comuneId && credit.unexpected && paymentOf.has(credit.id))
        .filter((credit) => registered === null || t.unexpected_credit_registrations.has(credit.id) === registered)
        .map((credit) => ({ credit, payment: paymentOf.get(credit.id)! }))
        .filter(({ credit, payment }) => before({ at: payment.createdAt, id: credit.id }, after))
        .sort(newestFirst(({ credit, payment }) => ({ at: payment.createdAt, id: credit.id })))
        .slice(0, limit)
        .map(({ credit, payment }) => ({
          credit: copy(credit),
          payment: { id: payment.id, createdAt: payment.createdAt, channel: payment.channel, agentName: payment.agentId === null ? null : (t.agents.get(payment.agentId)?.name ?? null) },
          registration: copy(t.unexpected_credit_registrations.get(credit.id) ?? null),
        }));
    },
    async registration(comuneId, creditId) {
      const row = t.unexpected_credit_registrations.get(creditId);
      return row?.comuneId === comuneId ? copy(row) : undefined;
    },
    async insertRegistration(row) {
      if (t.unexpected_credit_registrations.has(row.creditId)) throw new Error('UNIQUE constraint failed: unexpected_credit_registrations.credit_id');
      write(t.unexpected_credit_registrations, row.creditId, copy(row));
    },
  };
}
