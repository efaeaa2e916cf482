import type { EventRepository, EventRow, LiveRepository, PaymentListing, PaymentSelection, PaymentTotalsRow, TransferResolutionRow } from '../../ports/live.js';
import type { AccountRow, AgentRow, CreditRow, PaymentRow, ReceiptRow, ServiceRow, TransferRow } from '../../ports/rows.js';

/** The tables the live part reads, as the memory store holds them. */
export interface LiveTables {
  payments: Map<string, PaymentRow>;
  credits: Map<string, CreditRow>;
  services: Map<string, ServiceRow>;
  agents: Map<string, AgentRow>;
  receipts: Map<string, ReceiptRow>;
  transfers: Map<string, TransferRow & { settlementTransactionId: string | null }>;
  ledger_accounts: Map<string, AccountRow>;
  ledger_postings: Map<number, { seq: number; transactionId: string; accountId: string; amount: number; createdAt: string }>;
  events: Map<number, EventRow>;
  transfer_resolutions: Map<string, TransferResolutionRow>;
  outbox: Map<string, { id: string; kind: string; subjectId: string; status: 'pending' | 'done' | 'dead'; failures: number; availableAt: string; leaseUntil: string | null; doneAt: string | null }>;
}

/** How the memory store writes: journalled, so that a unit of work that throws leaves nothing. */
export interface LiveWrites {
  set<K, V>(table: Map<K, V>, key: K, value: V): void;
}

const copy = <T>(value: T): T => structuredClone(value);

/** The feed of events in memory; sequence numbers grow like SQL's, never reused. */
export function memoryEvents(t: LiveTables, writes: LiveWrites): EventRepository {
  let lastSeq = 0;
  const ofComune = (comuneId: string) => [...t.events.values()].filter((row) => row.comuneId === comuneId).sort((a, b) => a.seq - b.seq);
  return {
    async append(rows) {
      for (const row of rows) {
        const seq = ++lastSeq;
        writes.set(t.events, seq, { seq, ...copy(row) });
      }
    },
    async after(comuneId, afterSeq, limit) {
      return copy(ofComune(comuneId).filter((row) => row.seq > afterSeq).slice(0, limit));
    },
    async lastSeq(comuneId) {
      return ofComune(comuneId).at(-1)?.seq ?? 0;
    },
    async about(comuneId, subjectId) {
      return copy(ofComune(comuneId).filter((row) => row.subjectId === subjectId));
    },
  };
}

function listing(t: LiveTables, payment: PaymentRow): PaymentListing {
  const credit = t.credits.get(payment.creditId)!;
  const service = t.services.get(credit.serviceId)!;
  const receipt = [...t.receipts.values()].find((row) => row.paymentId === payment.id)!;
  const transfer = [...t.transfers.values()].find((row) => row.paymentId === payment.id)!;
  const { id, status, amount, bankReference, rejectReason, createdAt, settledAt, retries, settlementTransactionId } = transfer;
  return copy({
    payment,
    credit: { id: credit.id, noticeNumber: credit.noticeNumber, debtorName: credit.debtorName, debtorTaxCode: credit.debtorTaxCode, unexpected: credit.unexpected },
    service: { code: service.code, name: service.name },
    agentName: payment.agentId === null ? null : (t.agents.get(payment.agentId)?.name ?? null),
    receipt: { id: receipt.id, number: receipt.number, verificationCode: receipt.verificationCode },
    transfer: { id, status, amount, bankReference, rejectReason, createdAt, settledAt, retries, settlementTransactionId },
    resolution: t.transfer_resolutions.get(transfer.id) ?? null,
  });
}

/** The same selection as the SQL query, filter for filter. */
function selected(s: PaymentSelection, l: PaymentListing): boolean {
  const { payment: p, credit: c, transfer: tr, receipt: r } = l;
  const equalOrAny = <T>(wanted: T | null, value: T) => wanted === null || wanted === value;
  return (
    p.comuneId === s.comuneId &&
    (s.from === null || p.createdAt >= s.from) &&
    (s.to === null || p.createdAt < s.to) &&
    equalOrAny(s.serviceCode, l.service.code) &&
    equalOrAny(s.channel, p.channel) &&
    equalOrAny(s.agentId, p.agentId) &&
    equalOrAny(s.transferStatus, tr.status) &&
    (s.transferCreatedBefore === null || tr.createdAt < s.transferCreatedBefore) &&
    equalOrAny(s.resolved, l.resolution ? 1 : 0) &&
    (s.minAmount === null || p.amount >= s.minAmount) &&
    (s.maxAmount === null || p.amount <= s.maxAmount) &&
    equalOrAny(s.noticeNumber, c.noticeNumber) &&
    equalOrAny(s.taxCode, c.debtorTaxCode) &&
    (s.search === null || [c.noticeNumber, c.debtorTaxCode, r.number, r.verificationCode].includes(s.search)) &&
    equalOrAny(s.paymentId, p.id) &&
    (s.cursorAt === null || p.createdAt < s.cursorAt || (p.createdAt === s.cursorAt && p.id < (s.cursorId ?? '')))
  );
}

const newestFirst = (a: PaymentRow, b: PaymentRow) => (a.createdAt === b.createdAt ? (a.id < b.id ? 1 : -1) : a.createdAt < b.createdAt ? 1 : -1);

export function memoryLive(t: LiveTables, writes: LiveWrites): LiveRepository {
  return {
    async payments(selection) {
      return [...t.payments.values()]
        .filter((payment) => payment.comuneId === selection.comuneId)
        .sort(newestFirst)
        .map((payment) => listing(t, payment))
        .filter((row) => selected(selection, row))
        .slice(0, selection.limit);
    },
    async totals(comuneId, from) {
      const groups = new Map<string, PaymentTotalsRow>();
      for (const payment of t.payments.values()) {
        if (payment.comuneId !== comuneId || payment.createdAt < from) continue;
        const { service, agentName } = listing(t, payment);
        const hour = payment.createdAt.slice(0, 13);
        const key = JSON.stringify([hour, payment.channel, service.code, payment.agentId]);
        const group = groups.get(key) ?? { hour, channel: payment.channel, serviceCode: service.code, serviceName: service.name, agentId: payment.agentId, agentName, count: 0, amount: 0, fees: 0 };
        groups.set(key, { ...group, count: group.count + 1, amount: group.amount + payment.amount, fees: group.fees + payment.citizenFee });
      }
      return [...groups.values()];
    },
    async transferCounts(comuneId, staleBefore) {
      const counts = { pending: 0, stale: 0, rejected: 0 };
      for (const transfer of t.transfers.values()) {
        if (transfer.comuneId !== comuneId) continue;
        if (transfer.status === 'pending') counts.pending += 1;
        if (transfer.status === 'pending' && transfer.createdAt < staleBefore) counts.stale += 1;
        if (transfer.status === 'rejected' && !t.transfer_resolutions.has(transfer.id)) counts.rejected += 1;
      }
      return counts;
    },
    async lastPaymentAtByAgent(comuneId) {
      const last = new Map<string, string>();
      for (const payment of t.payments.values()) {
        if (payment.comuneId !== comuneId || payment.agentId === null) continue;
        if ((last.get(payment.agentId) ?? '') < payment.createdAt) last.set(payment.agentId, payment.createdAt);
      }
      return [...last].map(([agentId, lastPaymentAt]) => ({ agentId, lastPaymentAt }));
    },
    async postings(transactionIds) {
      return [...t.ledger_postings.values()]
        .filter((posting) => transactionIds.includes(posting.transactionId))
        .sort((a, b) => a.seq - b.seq)
        .map(({ transactionId, accountId, amount, createdAt }) => ({ transactionId, accountId, accountKind: t.ledger_accounts.get(accountId)!.kind, amount, createdAt }));
    },
    async resolution(transferId) {
      return copy(t.transfer_resolutions.get(transferId));
    },
    async insertResolution(row) {
      if (t.transfer_resolutions.has(row.transferId)) throw new Error('UNIQUE constraint failed: transfer_resolutions.transfer_id');
      writes.set(t.transfer_resolutions, row.transferId, copy(row));
    },
    async reopenRejectedTransfer(id) {
      const transfer = t.transfers.get(id);
      if (transfer?.status !== 'rejected') return false;
      writes.set(t.transfers, id, { ...transfer, status: 'pending', rejectReason: null, retries: transfer.retries + 1, sendAttempts: transfer.sendAttempts + 1 });
      return true;
    },
    async requeueTransfer(transferId, leaseUntil, now) {
      const row = [...t.outbox.values()].find((candidate) => candidate.kind === 'transfer' && candidate.subjectId === transferId);
      if (!row) return undefined;
      writes.set(t.outbox, row.id, { ...row, status: 'pending', failures: 0, availableAt: now, leaseUntil, doneAt: null });
      return { id: row.id };
    },
  };
}
