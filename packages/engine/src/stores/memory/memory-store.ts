import type { TransferStatus } from '@pay-box/contract';
import { UnitOfWorkError } from '../../errors.js';
import type {
  DeadLetterRow,
  AccountRow,
  AgentRow,
  ApiKeyRow,
  CardAuthorizationRow,
  CheckoutSessionRow,
  Channel,
  ComuneProfile,
  ComuneRow,
  CreditRow,
  FeeSchedule,
  LedgerTransactionKind,
  OutboxKind,
  OutboxRow,
  PaymentRow,
  ReceiptRow,
  ServiceRow,
  StaffUserRow,
  StaffSessionRow,
  LoginFailureRow,
  StaffActionRow,
  SettingChangeRow,
  SupportContacts,
  TerminalPairingRow,
  TerminalRow,
  TransferRow,
} from '../../ports/rows.js';
import type { Store, StoreDiagnostics, UnitOfWork } from '../../ports/store.js';
import { tablePrimaryKeys, type TableName } from '../../ports/tables.js';
import type { EventRow, TransferResolutionRow } from '../../ports/live.js';
import { memoryEvents, memoryLive } from './memory-live.js';
import { memoryWebhooks } from './memory-webhooks.js';
import { memoryConnectors } from './memory-connectors.js';
import type { ConnectorRow } from '../../ports/credit-connectors.js';
import type { WebhookAttemptRow, WebhookDeliveryRow, WebhookEndpointRow } from '../../ports/webhooks.js';
import type { StatementEntryRow, StatementRow, TransferReconciliationRow } from '../../ports/reconciliation.js';
import { memoryReconciliationRepository } from './memory-reconciliation.js';
import type { StaffCreditRow, UnexpectedCreditRegistrationRow } from '../../ports/gestionale.js';
import { memoryGestionaleRepository, paymentPathCredit, untouched } from './memory-gestionale.js';

interface OutboxRecord {
  id: string;
  comuneId: string;
  kind: OutboxKind;
  subjectId: string;
  status: 'pending' | 'done' | 'dead';
  failures: number;
  availableAt: string;
  leaseUntil: string | null;
  lastError: string | null;
  createdAt: string;
  doneAt: string | null;
}

interface PostingRecord {
  seq: number;
  transactionId: string;
  accountId: string;
  amount: number;
  createdAt: string;
  comuneId: string;
}

/** The tables, named as in SQL so that diagnostics read the same on every store: every table of the port. */
interface Tables extends Record<TableName, Map<string | number, object>> {
  comuni: Map<string, ComuneRow & { createdAt: string; nextIuv: number; catalogueVersion: number; supportContacts: SupportContacts }>;
  fee_schedules: Map<string, FeeSchedule & { comuneId: string; channel: Channel }>;
  services: Map<string, ServiceRow>;
  agents: Map<string, AgentRow & { createdAt: string; suspendedAt: string | null }>;
  terminals: Map<string, TerminalRow & { createdAt: string }>;
  staff_users: Map<string, StaffUserRow & { createdAt: string }>;
  api_keys: Map<string, ApiKeyRow & { keyHash: string }>;
  credits: Map<string, StaffCreditRow>;
  unexpected_credit_registrations: Map<string, UnexpectedCreditRegistrationRow>;
  payments: Map<string, PaymentRow>;
  receipts: Map<string, ReceiptRow>;
  counters: Map<string, { comuneId: string; name: string; value: number }>;
  transfers: Map<string, TransferRow & { settlementTransactionId: string | null }>;
  outbox: Map<string, OutboxRecord>;
  idempotency_keys: Map<string, { apiKeyId: string; idempotencyKey: string; operation: string; requestHash: string; paymentId: string; createdAt: string; comuneId: string }>;
  ledger_accounts: Map<string, AccountRow>;
  ledger_account_buckets: Map<string, { comuneId: string; accountId: string; bucket: number; balance: number }>;
  ledger_transactions: Map<string, { id: string; kind: LedgerTransactionKind; referenceId: string | null; createdAt: string; comuneId: string }>;
  ledger_postings: Map<number, PostingRecord>;
  checkout_sessions: Map<string, CheckoutSessionRow>;
  card_authorizations: Map<string, CardAuthorizationRow>;
  staff_sessions: Map<string, StaffSessionRow>;
  login_failures: Map<string, LoginFailureRow>;
  staff_actions: Map<number, StaffActionRow>;
  statements: Map<string, StatementRow>;
  statement_entries: Map<string, StatementEntryRow>;
  transfer_reconciliations: Map<string, TransferReconciliationRow>;
  terminal_pairings: Map<string, TerminalPairingRow>;
  setting_changes: Map<string, SettingChangeRow>;
  events: Map<number, EventRow>;
  transfer_resolutions: Map<string, TransferResolutionRow>;
  webhook_endpoints: Map<string, WebhookEndpointRow>;
  webhook_deliveries: Map<string, WebhookDeliveryRow>;
  webhook_attempts: Map<string, WebhookAttemptRow>;
  connectors: Map<string, ConnectorRow>;
}

const copy = <T>(value: T): T => structuredClone(value);
/** When a pending row falls due: its lease's end while leased, else its retry time. */
const dueAt = (row: OutboxRecord): string => row.leaseUntil ?? row.availableAt;
const deadLetter = ({ id, comuneId, kind, subjectId, failures, lastError, createdAt, doneAt }: OutboxRecord): DeadLetterRow => ({ id, comuneId, kind, subjectId, failures, lastError, createdAt, deadAt: doneAt! });

const byText = <T>(key: (row: T) => string | null) => (a: T, b: T) => {
  const [x, y] = [key(a), key(b)];
  // SQL sorts NULL first in ascending order.
  if (x === y) return 0;
  if (x === null) return -1;
  if (y === null) return 1;
  return x < y ? -1 : 1;
};

/** A constraint the SQL schema would enforce: the unit of work fails, as it would on SQLite. */
class ConstraintError extends Error {
  override readonly name = 'ConstraintError';
}

/**
 * The storage port in memory: the SDK's mock and fast tests. Units of work and reads run one at a
 * time; a unit that throws is undone from its journal, so it changes nothing. Rows go in and out
 * as copies, and the constraints of the SQL schema that the money depends on are enforced here too.
 */
export class MemoryStore implements Store {
  private readonly tables: Tables = {
    comuni: new Map(),
    fee_schedules: new Map(),
    services: new Map(),
    agents: new Map(),
    terminals: new Map(),
    staff_users: new Map(),
    api_keys: new Map(),
    credits: new Map(),
    unexpected_credit_registrations: new Map(),
    payments: new Map(),
    receipts: new Map(),
    counters: new Map(),
    transfers: new Map(),
    outbox: new Map(),
    idempotency_keys: new Map(),
    ledger_accounts: new Map(),
    ledger_account_buckets: new Map(),
    ledger_transactions: new Map(),
    ledger_postings: new Map(),
    checkout_sessions: new Map(),
    card_authorizations: new Map(),
    staff_sessions: new Map(),
    login_failures: new Map(),
    staff_actions: new Map(),
    statements: new Map(),
    statement_entries: new Map(),
    transfer_reconciliations: new Map(),
    terminal_pairings: new Map(),
    setting_changes: new Map(),
    events: new Map(),
    transfer_resolutions: new Map(),
    webhook_endpoints: new Map(),
    webhook_deliveries: new Map(),
    webhook_attempts: new Map(),
    connectors: new Map(),
  };
  private nextPostingSeq = 1;
  private nextStaffActionSeq = 1;
  private turn: Promise<unknown> = Promise.resolve();
  /** The journal of the unit of work under way (undo steps), or null while reading. */
  private journal: Array<() => void> | null = null;
  private closed = false;
  private readonly tx: UnitOfWork = this.repositories();

  readonly shared = false;
  discards = 0;

  exclusively<T>(_name: string, work: () => Promise<T>): Promise<T> {
    return work();
  }

  readonly diagnostics: StoreDiagnostics = {
    rowCounts: () => this.exclusive(async () => Object.fromEntries(Object.entries(this.tables).map(([name, table]) => [name, table.size]))),
    snapshot: () =>
      this.exclusive(async () =>
        Object.fromEntries(
          Object.entries(this.tables).map(([name, table]) => [name, [...table.values()].map(asSqlRow).sort(byColumns(tablePrimaryKeys[name as TableName]))]),
        ),
      ),
  };

  transaction<T>(work: (tx: UnitOfWork) => Promise<T>): Promise<T> {
    return this.exclusive(() => this.unit(work, []));
  }

  read<T>(work: (tx: UnitOfWork) => Promise<T>): Promise<T> {
    return this.exclusive(() => this.unit(work, null));
  }

  /** Every read here is alone with the data already: a snapshot is a read. */
  snapshot<T>(work: (tx: UnitOfWork) => Promise<T>): Promise<T> {
    return this.read(work);
  }

  async close(): Promise<void> {
    this.closed = true;
    await this.turn.catch(() => {});
  }

  private exclusive<T>(task: () => Promise<T>): Promise<T> {
    if (this.closed) return Promise.reject(new Error('the store is closed'));
    const result = this.turn.then(task);
    this.turn = result.catch(() => {});
    return result;
  }

  private async unit<T>(work: (tx: UnitOfWork) => Promise<T>, journal: Array<() => void> | null): Promise<T> {
    this.journal = journal;
    // A unit that only awaits its transaction settles before any timer runs; one that is still
    // pending when a timer fires awaited something else (a bank, a network): that breaks the port's rule.
    let crossedTurn = false;
    const sentinel = setTimeout(() => (crossedTurn = true), 0);
    try {
      const value = await work(this.tx);
      if (crossedTurn) throw new UnitOfWorkError('a unit of work awaited something other than its transaction');
      return value;
    } catch (error) {
      if (journal) {
        journal.reverse().forEach((undo) => undo());
        this.discards++;
      }
      throw error;
    } finally {
      clearTimeout(sentinel);
      this.journal = null;
    }
  }

  /** Every change goes through here: refused while reading, journalled for undo while in a unit of work. */
  private set<K, V>(table: Map<K, V>, key: K, value: V): void {
    const journal = this.writable();
    const had = table.has(key);
    const before = table.get(key);
    table.set(key, value);
    journal.push(() => (had ? table.set(key, before as V) : table.delete(key)));
  }

  private writable(): Array<() => void> {
    if (!this.journal) throw new Error('attempt to write a readonly database');
    return this.journal;
  }

  private unique<V>(table: Map<unknown, V>, clash: (row: V) => boolean, what: string): void {
    for (const row of table.values()) if (clash(row)) throw new ConstraintError(`UNIQUE constraint failed: ${what}`);
  }

  private repositories(): UnitOfWork {
    const t = this.tables;
    const store = this;
    const update = <K, V extends object>(table: Map<K, V>, key: K, change: Partial<V>): void => {
      const row = table.get(key);
      if (row) store.set(table, key, { ...row, ...change });
    };
    const touchCatalogue = (comuneId: string) => {
      const comune = t.comuni.get(comuneId);
      if (comune) update(t.comuni, comuneId, { catalogueVersion: comune.catalogueVersion + 1 });
    };
    const creditByNotice = (comuneId: string, noticeNumber: string) => {
      const row = [...t.credits.values()].find((credit) => credit.comuneId === comuneId && credit.noticeNumber === noticeNumber);
      return row && paymentPathCredit(row);
    };
    const withoutTimestamps = <R extends object>(row: R & { createdAt?: string }) => {
      const { createdAt: _createdAt, ...rest } = row;
      return copy(rest);
    };

    const writes = { set: <K, V>(table: Map<K, V>, key: K, value: V) => store.set(table, key, value) };
    return {
      events: memoryEvents(t, writes),
      live: memoryLive(t, writes),
      webhooks: memoryWebhooks(t, { ...writes, unique: (table, clash, what) => store.unique(table, clash, what) }),
      connectors: memoryConnectors(t, { ...writes, touchCatalogue }),
      gestionale: memoryGestionaleRepository(t, (table, key, value) => store.set(table, key, value)),
      reconciliation: memoryReconciliationRepository(t, (table, key, value) => store.set(table, key, value)),
      comuni: {
        async get(id) {
          const row = t.comuni.get(id);
          if (!row) return undefined;
          const { id: key, fiscalCode, name, treasuryIban, segregationCode } = row;
          return { id: key, fiscalCode, name, treasuryIban, segregationCode };
        },
        async count() {
          return t.comuni.size;
        },
        async insert(row, createdAt) {
          store.unique(t.comuni, (other) => other.id === row.id || other.fiscalCode === row.fiscalCode, 'comuni.fiscal_code');
          store.set(t.comuni, row.id, { ...copy(row), createdAt, nextIuv: 1, catalogueVersion: 1, supportContacts: {} });
        },
        async nextIuvBase(id) {
          const comune = t.comuni.get(id)!;
          update(t.comuni, id, { nextIuv: comune.nextIuv + 1 });
          return String(comune.nextIuv).padStart(13, '0');
        },
        async nextIuvBases(id, count) {
          const comune = t.comuni.get(id)!;
          update(t.comuni, id, { nextIuv: comune.nextIuv + count });
          return Array.from({ length: count }, (_, index) => String(comune.nextIuv + index).padStart(13, '0'));
        },
        async setNextIuv(id, next) {
          update(t.comuni, id, { nextIuv: next });
        },
        async catalogueVersion(id) {
          return t.comuni.get(id)?.catalogueVersion;
        },
        async list() {
          return [...t.comuni.values()].sort(byText((row) => row.name)).map(comuneProfile);
        },
        async profile(id) {
          const row = t.comuni.get(id);
          return row && comuneProfile(row);
        },
        async setSupportContacts(id, contacts) {
          update(t.comuni, id, { supportContacts: copy(contacts) });
        },
        async setTreasuryIban(id, treasuryIban) {
          const comune = t.comuni.get(id);
          if (comune) update(t.comuni, id, { treasuryIban, catalogueVersion: comune.catalogueVersion + 1 });
        },
      },
      services: {
        async list(comuneId) {
          return copy([...t.services.values()].filter((row) => row.comuneId === comuneId).sort(byText((row) => row.code)));
        },
        async insert(row) {
          store.unique(t.services, (other) => other.id === row.id || (other.comuneId === row.comuneId && other.code === row.code), 'services.comune_id, services.code');
          store.set(t.services, row.id, { ...copy(row), connectorId: null });
          touchCatalogue(row.comuneId);
        },
      },
      fees: {
        async list(comuneId) {
          return copy([...t.fee_schedules.values()].filter((row) => row.comuneId === comuneId)).map(({ channel, citizenFee, agentShare }) => ({ channel, citizenFee, agentShare }));
        },
        async set(comuneId, channel, fees) {
          store.set(t.fee_schedules, `${comuneId} ${channel}`, { comuneId, channel, citizenFee: fees.citizenFee, agentShare: fees.agentShare });
          touchCatalogue(comuneId);
        },
      },
      agents: {
        async get(id) {
          const row = t.agents.get(id);
          return row && agentRow(row);
        },
        async listByComune(comuneId) {
          return [...t.agents.values()]
            .filter((agent) => agent.comuneId === comuneId)
            .sort(byText((agent) => agent.name))
            .map(agentRow);
        },
        async insert(row, createdAt) {
          store.unique(t.agents, (other) => other.id === row.id, 'agents.id');
          store.set(t.agents, row.id, { ...copy(row), createdAt, suspendedAt: null });
        },
        async status(id) {
          const row = t.agents.get(id);
          return row && { createdAt: row.createdAt, suspendedAt: row.suspendedAt };
        },
        async setSuspended(id, suspendedAt) {
          update(t.agents, id, { suspendedAt });
        },
      },
      terminals: {
        async insert(row, createdAt) {
          store.set(t.terminals, row.id, { ...copy(row), createdAt });
        },
        async get(id) {
          const row = t.terminals.get(id);
          return row && withoutTimestamps(row);
        },
        async listByAgent(agentId) {
          return [...t.terminals.values()]
            .filter((terminal) => terminal.agentId === agentId)
            .sort(byText((terminal) => terminal.createdAt))
            .map((terminal) => {
              const key = [...t.api_keys.values()].find((candidate) => candidate.terminalId === terminal.id);
              return { id: terminal.id, agentId, label: terminal.label, createdAt: terminal.createdAt, keyId: key?.id ?? null, keyPrefix: key?.keyPrefix ?? null, revokedAt: key?.revokedAt ?? null };
            });
        },
      },
      terminalPairings: {
        async insert(row) {
          store.set(t.terminal_pairings, row.codeHash, copy(row));
        },
        async byCodeHash(codeHash) {
          return copy(t.terminal_pairings.get(codeHash));
        },
        async markUsed(codeHash, terminalId, usedAt) {
          if (t.terminal_pairings.get(codeHash)?.usedAt !== null) return false;
          update(t.terminal_pairings, codeHash, { usedAt, terminalId });
          return true;
        },
      },
      settingChanges: {
        async insert(row) {
          store.set(t.setting_changes, row.id, copy(row));
        },
        async get(id) {
          return copy(t.setting_changes.get(id));
        },
        async list(comuneId) {
          return copy([...t.setting_changes.values()].filter((row) => comuneId === null || row.comuneId === comuneId).sort(byText((row) => row.requestedAt)).reverse());
        },
        async update(row) {
          store.set(t.setting_changes, row.id, copy(row));
        },
        async due(now) {
          return copy([...t.setting_changes.values()].filter((row) => row.status === 'approved' && row.effectiveAt <= now).sort(byText((row) => row.effectiveAt)));
        },
      },
      staffUsers: {
        async get(id) {
          return copy(t.staff_users.get(id));
        },
        async byEmail(email) {
          return copy([...t.staff_users.values()].find((user) => user.email === email));
        },
        async list(comuneId) {
          return copy([...t.staff_users.values()].filter((user) => user.comuneId === comuneId).sort(byText((user) => user.email)));
        },
        async insert(row, createdAt) {
          store.unique(t.staff_users, (other) => other.email === row.email, 'staff_users.email');
          store.set(t.staff_users, row.id, { ...copy(row), createdAt });
        },
        async update({ id, name, role, passwordHash, disabledAt }) {
          update(t.staff_users, id, { name, role, passwordHash, disabledAt });
        },
      },
      staffSessions: {
        async get(id) {
          return copy(t.staff_sessions.get(id));
        },
        async insert(row) {
          store.set(t.staff_sessions, row.id, copy(row));
        },
        async touch(id, lastSeenAt) {
          update(t.staff_sessions, id, { lastSeenAt });
        },
        async end(id, endedAt) {
          if (t.staff_sessions.get(id)?.endedAt === null) update(t.staff_sessions, id, { endedAt });
        },
        async endAllOfUser(userId, endedAt) {
          for (const session of t.staff_sessions.values()) if (session.userId === userId && session.endedAt === null) update(t.staff_sessions, session.id, { endedAt });
        },
      },
      loginFailures: {
        async get(email) {
          return copy(t.login_failures.get(email));
        },
        async put(row) {
          store.set(t.login_failures, row.email, copy(row));
        },
        async clear(email) {
          const journal = store.writable();
          const before = t.login_failures.get(email);
          if (!before) return;
          t.login_failures.delete(email);
          journal.push(() => t.login_failures.set(email, before));
        },
      },
      staffActions: {
        async append(row) {
          const seq = store.nextStaffActionSeq++;
          store.set(t.staff_actions, seq, { seq, ...copy(row) });
          store.writable().push(() => (store.nextStaffActionSeq = seq));
        },
        async list(comuneId, beforeSeq, limit) {
          return copy(
            [...t.staff_actions.values()]
              .filter((row) => row.comuneId === comuneId && (beforeSeq === null || row.seq < beforeSeq))
              .sort((a, b) => b.seq - a.seq)
              .slice(0, limit),
          );
        },
      },
      apiKeys: {
        async byHash(keyHash) {
          const row = [...t.api_keys.values()].find((key) => key.keyHash === keyHash);
          if (!row) return undefined;
          const { keyHash: _hash, ...key } = row;
          const agent = key.agentId === null ? undefined : t.agents.get(key.agentId);
          return { ...copy(key), agentName: agent?.name ?? null, agentSuspendedAt: agent?.suspendedAt ?? null };
        },
        async list(comuneId) {
          return [...t.api_keys.values()]
            .filter((row) => comuneId === undefined || row.comuneId === comuneId)
            .sort(byText((row) => row.createdAt))
            .map(({ keyHash: _hash, ...key }) => copy(key));
        },
        async insert(row, keyHash) {
          store.unique(t.api_keys, (other) => other.keyHash === keyHash, 'api_keys.key_hash');
          store.set(t.api_keys, row.id, { ...copy(row), revokedAt: null, keyHash });
        },
        async revoke(id, revokedAt) {
          const row = t.api_keys.get(id);
          if (!row || row.revokedAt) return false;
          update(t.api_keys, id, { revokedAt });
          return true;
        },
      },
      credits: {
        async get(comuneId, id) {
          const row = t.credits.get(id);
          return row?.comuneId === comuneId ? paymentPathCredit(row) : undefined;
        },
        async byNoticeNumber(comuneId, noticeNumber) {
          return creditByNotice(comuneId, noticeNumber);
        },
        async byNoticeNumberWithCatalogueVersion(comuneId, noticeNumber) {
          const credit = creditByNotice(comuneId, noticeNumber);
          return credit && { credit, catalogueVersion: t.comuni.get(comuneId)!.catalogueVersion };
        },
        async byDebtor(comuneId, debtorTaxCode, serviceId, openOnly) {
          return [...t.credits.values()]
            .filter((row) => row.comuneId === comuneId && row.debtorTaxCode === debtorTaxCode && row.serviceId === serviceId && (!openOnly || row.status === 'open'))
            .sort((a, b) => byText<CreditRow>((row) => row.dueDate)(a, b) || byText<CreditRow>((row) => row.id)(a, b))
            .map(paymentPathCredit);
        },
        async openNoticeNumbers(comuneId, limit) {
          return [...t.credits.values()]
            .filter((row) => row.comuneId === comuneId && row.status === 'open')
            .map((row) => row.noticeNumber)
            .sort()
            .slice(0, limit);
        },
        async insert(row) {
          store.unique(t.credits, (other) => other.id === row.id || (other.comuneId === row.comuneId && other.noticeNumber === row.noticeNumber), 'credits.comune_id, credits.notice_number');
          store.set(t.credits, row.id, { ...copy(row), ...untouched });
        },
        async insertMany(rows) {
          // One pass over the table, not one per row: an import of 100,000 rows stays linear.
          const taken = new Set([...t.credits.values()].flatMap((other) => [other.id, `${other.comuneId} ${other.noticeNumber}`]));
          for (const row of rows) {
            if (taken.has(row.id) || taken.has(`${row.comuneId} ${row.noticeNumber}`)) throw new ConstraintError('UNIQUE constraint failed: credits.comune_id, credits.notice_number');
            taken.add(row.id).add(`${row.comuneId} ${row.noticeNumber}`);
            store.set(t.credits, row.id, { ...copy(row), ...untouched });
          }
        },
        async markPaid(id, paidAt, amount) {
          const credit = t.credits.get(id);
          if (credit?.status !== 'open' || credit.amount !== amount) return false;
          update(t.credits, id, { status: 'paid', paidAt });
          return true;
        },
      },
      payments: {
        async get(id) {
          const row = t.payments.get(id);
          return row && copy(row);
        },
        async insert(row) {
          store.unique(t.payments, (other) => other.id === row.id || other.creditId === row.creditId, 'payments.credit_id');
          store.set(t.payments, row.id, copy(row));
        },
        async forAgentBetween(agentId, from, to) {
          return [...t.payments.values()]
            .filter((row) => row.agentId === agentId && row.createdAt >= from && row.createdAt < to)
            .sort(byText((row) => row.createdAt))
            .map((row) => {
              const service = t.services.get(t.credits.get(row.creditId)!.serviceId)!;
              const { amount, citizenFee, agentFeeShare, institutionFeeShare, floatDebited } = row;
              return { serviceCode: service.code, serviceName: service.name, amount, citizenFee, agentFeeShare, institutionFeeShare, floatDebited };
            });
        },
      },
      receipts: {
        async get(id) {
          const row = t.receipts.get(id);
          return row && copy(row);
        },
        async byPayment(paymentId) {
          const row = [...t.receipts.values()].find((receipt) => receipt.paymentId === paymentId);
          return row && copy(row);
        },
        async byVerificationCode(code) {
          const row = [...t.receipts.values()].find((receipt) => receipt.verificationCode === code);
          return row && copy(row);
        },
        async insert(row) {
          store.unique(
            t.receipts,
            (other) => other.paymentId === row.paymentId || other.verificationCode === row.verificationCode || (other.comuneId === row.comuneId && other.number === row.number),
            'receipts',
          );
          store.set(t.receipts, row.id, copy(row));
        },
      },
      counters: {
        async next(comuneId, name) {
          const key = `${comuneId} ${name}`;
          const value = (t.counters.get(key)?.value ?? 0) + 1;
          store.set(t.counters, key, { comuneId, name, value });
          return value;
        },
      },
      transfers: {
        async get(id) {
          const row = t.transfers.get(id);
          return row && transferRow(row);
        },
        async byPayment(paymentId) {
          const row = [...t.transfers.values()].find((transfer) => transfer.paymentId === paymentId);
          return row && transferRow(row);
        },
        async byBankReference(bankReference) {
          const row = [...t.transfers.values()].find((transfer) => transfer.bankReference === bankReference);
          return row && transferRow(row);
        },
        async insert(row) {
          store.unique(t.transfers, (other) => other.id === row.id || other.paymentId === row.paymentId, 'transfers.payment_id');
          store.set(t.transfers, row.id, { ...copy(row), status: 'pending', retries: 0, bankReference: null, rejectReason: null, settledAt: null, settlementTransactionId: null });
        },
        async countSendAttempt(id) {
          const row = t.transfers.get(id);
          if (row) update(t.transfers, id, { sendAttempts: row.sendAttempts + 1 });
        },
        async markSettled(id, bankReference, settledAt, settlementTransactionId) {
          if (t.transfers.get(id)?.status !== 'pending') return;
          store.unique(t.transfers, (other) => other.bankReference === bankReference, 'transfers.bank_reference');
          update(t.transfers, id, { status: 'settled', bankReference, settledAt, settlementTransactionId });
        },
        async markRejected(id, reason) {
          if (t.transfers.get(id)?.status === 'pending') update(t.transfers, id, { status: 'rejected', rejectReason: reason });
        },
        async countByStatus() {
          const counts: Record<TransferStatus, number> = { pending: 0, settled: 0, rejected: 0 };
          for (const row of t.transfers.values()) counts[row.status] += 1;
          return counts;
        },
      },
      outbox: {
        async insert(row, now) {
          store.unique(t.outbox, (other) => other.id === row.id || (other.kind === row.kind && other.subjectId === row.subjectId), 'outbox.kind, outbox.subject_id');
          store.set(t.outbox, row.id, { ...row, status: 'pending', failures: 0, availableAt: now, lastError: null, createdAt: now, doneAt: null });
        },
        async claimDue(now, leaseUntil, limit) {
          const due = [...t.outbox.values()]
            .filter((row) => row.status === 'pending' && dueAt(row) <= now)
            .sort(byText(dueAt))
            .slice(0, limit);
          for (const row of due) update(t.outbox, row.id, { leaseUntil });
          return due.map(({ id, comuneId, kind, subjectId, failures, createdAt }): OutboxRow => ({ id, comuneId, kind, subjectId, failures, createdAt }));
        },
        async releaseAllLeases() {
          const leased = [...t.outbox.values()].filter((row) => row.status === 'pending' && row.leaseUntil !== null);
          for (const row of leased) update(t.outbox, row.id, { leaseUntil: null });
          return leased.length;
        },
        async retryLater(id, availableAt, error) {
          const row = t.outbox.get(id);
          if (row?.status === 'pending') update(t.outbox, id, { leaseUntil: null, availableAt, lastError: error, failures: row.failures + 1 });
        },
        async completeSubject(kind, subjectId, now) {
          const row = [...t.outbox.values()].find((candidate) => candidate.kind === kind && candidate.subjectId === subjectId && candidate.status === 'pending');
          if (row) update(t.outbox, row.id, { status: 'done', leaseUntil: null, doneAt: now });
        },
        async markDead(id, now, error) {
          if (t.outbox.get(id)?.status === 'pending') update(t.outbox, id, { status: 'dead', leaseUntil: null, lastError: error, doneAt: now });
        },
        async deadLetters(comuneId, limit) {
          return [...t.outbox.values()]
            .filter((row) => row.comuneId === comuneId && row.status === 'dead')
            .sort(byText((row) => row.doneAt!))
            .reverse()
            .slice(0, limit)
            .map(deadLetter);
        },
        async deadLetter(comuneId, id) {
          const row = t.outbox.get(id);
          return row?.comuneId === comuneId && row.status === 'dead' ? deadLetter(row) : undefined;
        },
        async requeue(kind, subjectId, now) {
          const row = [...t.outbox.values()].find((candidate) => candidate.kind === kind && candidate.subjectId === subjectId);
          if (row) update(t.outbox, row.id, { status: 'pending', failures: 0, availableAt: now, leaseUntil: null, doneAt: null });
        },
        async pendingCount() {
          return [...t.outbox.values()].filter((row) => row.status === 'pending').length;
        },
        async nextDueAt() {
          return [...t.outbox.values()]
            .filter((row) => row.status === 'pending')
            .map(dueAt)
            .sort()[0];
        },
      },
      idempotency: {
        async claim(apiKeyId, key, row, createdAt) {
          const id = `${apiKeyId} ${key}`;
          const earlier = t.idempotency_keys.get(id);
          if (earlier) return { operation: earlier.operation, requestHash: earlier.requestHash, paymentId: earlier.paymentId };
          store.set(t.idempotency_keys, id, { apiKeyId, idempotencyKey: key, operation: row.operation, requestHash: row.requestHash, paymentId: row.paymentId, createdAt, comuneId: row.comuneId });
          return undefined;
        },
      },
      ledger: {
        async balance(id) {
          return t.ledger_accounts.has(id) ? wholeBalance(t, id) : undefined;
        },
        async accounts() {
          return [...t.ledger_accounts.values()].sort(byText((row) => row.id)).map((row) => ({ ...copy(row), balance: wholeBalance(t, row.id) }));
        },
        async insertTransaction(id, kind, referenceId, comuneId, createdAt) {
          if (t.ledger_transactions.has(id)) throw new ConstraintError('UNIQUE constraint failed: ledger_transactions.id');
          store.set(t.ledger_transactions, id, { id, kind, referenceId, createdAt, comuneId });
        },
        async insertPostings(transactionId, comuneId, lines, createdAt) {
          for (const { account, amount, bucket } of lines) {
            const row = t.ledger_accounts.get(account.id) ?? { ...account, balance: 0 };
            if (bucket === null) {
              // The schema's CHECK: a float is a liability, never above zero.
              if (account.kind === 'agent_float' && row.balance + amount > 0) throw new ConstraintError('CHECK constraint failed: ledger_accounts');
              store.set(t.ledger_accounts, account.id, { ...row, balance: row.balance + amount });
            } else {
              if (!t.ledger_accounts.has(account.id)) store.set(t.ledger_accounts, account.id, row);
              const key = `${comuneId} ${account.id} ${bucket}`;
              store.set(t.ledger_account_buckets, key, { comuneId, accountId: account.id, bucket, balance: (t.ledger_account_buckets.get(key)?.balance ?? 0) + amount });
            }
          }
          for (const { account, amount } of lines) {
            const seq = store.nextPostingSeq++;
            // Like SQLite's AUTOINCREMENT, a rolled-back posting gives its number back.
            store.writable().push(() => (store.nextPostingSeq = seq));
            store.set(t.ledger_postings, seq, { seq, transactionId, accountId: account.id, amount, createdAt, comuneId });
          }
        },
        async balanceBefore(accountId, instant) {
          return sumPostings(t, (posting) => posting.accountId === accountId && posting.createdAt < instant);
        },
        async lastPostingAt(accountId) {
          return [...t.ledger_postings.values()].filter((posting) => posting.accountId === accountId).map((posting) => posting.createdAt).sort().at(-1) ?? null;
        },
        async replayedBalances() {
          const balances = new Map<string, number>();
          for (const posting of t.ledger_postings.values()) balances.set(posting.accountId, (balances.get(posting.accountId) ?? 0) + posting.amount);
          return balances;
        },
        async unbalancedTransactions() {
          return [...t.ledger_transactions.keys()].filter((id) => {
            const postings = [...t.ledger_postings.values()].filter((posting) => posting.transactionId === id);
            return postings.length < 2 || postings.reduce((sum, posting) => sum + posting.amount, 0) !== 0;
          });
        },
        async topUpsBetween(accountId, from, to) {
          const postings = [...t.ledger_postings.values()].filter(
            (posting) => posting.accountId === accountId && t.ledger_transactions.get(posting.transactionId)!.kind === 'top_up' && posting.createdAt >= from && posting.createdAt < to,
          );
          return { count: postings.length, amount: 0 - postings.reduce((sum, posting) => sum + posting.amount, 0) };
        },
        async movements(accountId, limit) {
          return [...t.ledger_postings.values()]
            .filter((posting) => posting.accountId === accountId)
            .sort((a, b) => b.seq - a.seq)
            .slice(0, limit)
            .map((posting) => {
              const transaction = t.ledger_transactions.get(posting.transactionId)!;
              return { transactionId: posting.transactionId, kind: transaction.kind, referenceId: transaction.referenceId, amount: posting.amount, createdAt: posting.createdAt };
            });
        },
      },
      audit: {
        async creditsPaidMoreThanOnce() {
          return duplicates([...t.payments.values()].map((payment) => payment.creditId));
        },
        async paidCreditsWithoutPayment() {
          const paid = new Set([...t.payments.values()].map((payment) => payment.creditId));
          return [...t.credits.values()].filter((credit) => credit.status === 'paid' && !paid.has(credit.id)).map((credit) => credit.id);
        },
        async paymentsWithoutTransfer() {
          const transferred = new Set([...t.transfers.values()].map((transfer) => transfer.paymentId));
          return [...t.payments.keys()].filter((id) => !transferred.has(id));
        },
        async transfersSettledMoreThanOnce() {
          return duplicates([...t.ledger_transactions.values()].filter((row) => row.kind === 'settlement').map((row) => row.referenceId ?? ''));
        },
        async settledTransfers() {
          return [...t.transfers.values()].filter((row) => row.status === 'settled').map((row) => ({ paymentId: row.paymentId, bankReference: row.bankReference! }));
        },
        async paymentIds() {
          return [...t.payments.keys()];
        },
      },
      checkoutSessions: {
        async get(id) {
          const row = t.checkout_sessions.get(id);
          return row && copy(row);
        },
        async insert(row) {
          store.unique(t.checkout_sessions, (other) => other.id === row.id, 'checkout_sessions.id');
          store.set(t.checkout_sessions, row.id, copy(row));
        },
        async recordDecline(id, reason, at) {
          if (t.checkout_sessions.get(id)?.status === 'open') update(t.checkout_sessions, id, { lastDeclineReason: reason, lastDeclineAt: at });
        },
        async close(id, status, paid) {
          const session = t.checkout_sessions.get(id);
          if (session?.status !== 'open') return false;
          if (paid) store.unique(t.checkout_sessions, (other) => other.paymentId === paid.paymentId, 'checkout_sessions.payment_id');
          update(t.checkout_sessions, id, { status, paymentId: paid?.paymentId ?? null, creditId: paid?.creditId ?? session.creditId });
          return true;
        },
      },
      cardAuthorizations: {
        async get(id) {
          const row = t.card_authorizations.get(id);
          return row && copy(row);
        },
        async insert(row) {
          store.unique(t.card_authorizations, (other) => other.id === row.id, 'card_authorizations.id');
          // A session pays once: at most one of its authorisations is ever captured.
          const capturing = (status: CardAuthorizationRow['status']) => status === 'capture_pending' || status === 'captured';
          if (capturing(row.status)) store.unique(t.card_authorizations, (other) => other.sessionId === row.sessionId && capturing(other.status), 'card_authorizations.session_id');
          store.set(t.card_authorizations, row.id, copy(row));
        },
        async settle(id, status, at) {
          const pending = t.card_authorizations.get(id)?.status;
          if (pending === 'capture_pending' || pending === 'void_pending') update(t.card_authorizations, id, { status, settledAt: at });
        },
      },
    };
  }
}

/** Columns that SQL stores keep as JSON text, under a `_json` name. */
const jsonColumns = new Set(['fields', 'amountRule', 'allowedOrigins', 'openingHours', 'unexpectedCredit', 'details', 'supportContacts', 'change', 'data', 'events']);

function comuneProfile(row: ComuneRow & { createdAt: string; supportContacts: SupportContacts }): ComuneProfile {
  const { id, fiscalCode, name, treasuryIban, segregationCode, supportContacts, createdAt } = row;
  return copy({ id, fiscalCode, name, treasuryIban, segregationCode, supportContacts, createdAt });
}

function agentRow(record: AgentRow & { createdAt: string; suspendedAt: string | null }): AgentRow {
  const { createdAt: _createdAt, suspendedAt: _suspendedAt, ...row } = record;
  return copy(row);
}

/**
 * A row as the SQL stores hold it (snake_case columns, booleans as 0/1, JSON as text), so that
 * diagnostics read the same on every store and tests can compare stores row for row.
 */
function asSqlRow(record: object): Record<string, unknown> {
  const row: Record<string, unknown> = {};
  for (const [key, value] of Object.entries(record)) {
    const column = key.replace(/[A-Z]/g, (letter) => `_${letter.toLowerCase()}`);
    if (jsonColumns.has(key)) row[`${column}_json`] = value === null ? null : JSON.stringify(value);
    else row[column] = typeof value === 'boolean' ? Number(value) : value;
  }
  return row;
}

function transferRow(record: TransferRow & { settlementTransactionId: string | null }): TransferRow {
  const { settlementTransactionId: _settlement, ...row } = record;
  return copy(row);
}

/** An account's balance: its row's and its buckets'. */
function wholeBalance(t: Tables, accountId: string): number {
  let balance = t.ledger_accounts.get(accountId)?.balance ?? 0;
  for (const bucket of t.ledger_account_buckets.values()) if (bucket.accountId === accountId) balance += bucket.balance;
  return balance;
}

/** Orders rows by their primary key's columns, as SQL's ORDER BY would. */
function byColumns(columns: readonly string[]) {
  return (a: Record<string, unknown>, b: Record<string, unknown>) => {
    for (const column of columns) {
      const [x, y] = [a[column] as string | number, b[column] as string | number];
      if (x !== y) return x < y ? -1 : 1;
    }
    return 0;
  };
}

function sumPostings(t: Tables, which: (posting: PostingRecord) => boolean): number {
  let sum = 0;
  for (const posting of t.ledger_postings.values()) if (which(posting)) sum += posting.amount;
  return sum;
}

function duplicates(values: string[]): string[] {
  const seen = new Set<string>();
  const twice = new Set<string>();
  for (const value of values) (seen.has(value) ? twice : seen).add(value);
  return [...twice];
}
