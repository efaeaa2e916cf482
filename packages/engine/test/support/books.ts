import { makeNoticeNumber } from '@pay-box/contract';
import {
  createEngine,
  webCryptoSha256,
  MemoryBankBook,
  SandboxBank,
  type Clock,
  type DispatchOptions,
  type Engine,
  type FeeSchedule,
  type IdSource,
  type SandboxBankOptions,
  type Store,
  type TerminalPrincipal,
  type TransferRail,
} from '@pay-box/engine';
import type { OpenedStore, StoreFactory } from '../../../../test-support/stores.js';

export interface BooksSetUp {
  /** The comune's fee schedule at agents. */
  fees: FeeSchedule;
  agentCount: number;
  /** One open credit per amount, in cents. */
  creditAmounts: number[];
}

export interface BooksOptions {
  /** The sandbox bank; by default it holds its answers (`processing`), so a test decides each one. */
  bank?: Omit<SandboxBankOptions, 'book'>;
  transferWaitMs?: number;
  dispatch?: Partial<DispatchOptions>;
  clock?: Clock;
}

export interface Books {
  engine: Engine;
  store: Store;
  bank: SandboxBank;
  comuneId: string;
  serviceId: string;
  /** One terminal per agent; agents start with an empty float. */
  terminals: TerminalPrincipal[];
  credits: Array<{ id: string; amount: number; noticeNumber: string }>;
  /** Every row of every table, as the SQL stores hold them: "a refused command changed nothing" compares two. */
  snapshot(): Promise<Record<string, unknown[]>>;
  dispose(): Promise<void>;
}

/** Ids from a counter, so a failing run prints the same ids when replayed, and two stores get the same ones. */
export function countingIds(): IdSource {
  let next = 0;
  const count = () => String(++next).padStart(12, '0');
  return {
    id: (prefix) => `${prefix}_${count()}`,
    secret: () => `secret${count()}`,
    verificationCode: () => count().replace(/(\d{4})(\d{4})(\d{4})/, '$1-$2-$3'),
  };
}

/** One second per reading, so every posting has its own instant. */
export function steppingClock(start = Date.parse('2026-11-12T08:00:00Z')): Clock {
  let tick = 0;
  return { now: () => new Date(start + 1000 * tick++) };
}

function engineOn(store: Store, ids: IdSource, rail: TransferRail, options: BooksOptions): Engine {
  return createEngine({
    store,
    rail,
    settings: { publicUrl: 'http://127.0.0.1', institutionName: 'Istituto di pagamento di prova', transferWaitMs: options.transferWaitMs ?? 0 },
    clock: options.clock ?? steppingClock(),
    ids,
    dispatch: { retryBaseMs: 20, retryMaxMs: 200, ...options.dispatch },
  });
}

/**
 * A store of the given kind with a minimal tenant: one comune, one service, agents with a terminal
 * each, and open credits. Set up through the storage port, as an onboarding would.
 */
export async function openBooks(factory: StoreFactory, setUp: BooksSetUp, options: BooksOptions = {}): Promise<Books> {
  const opened = await factory.open();
  const ids = countingIds();
  const bank = new SandboxBank({ book: new MemoryBankBook(), latencyMs: 0, answers: 'held', ...options.bank });
  const engine = engineOn(opened.store, ids, bank, options);
  const createdAt = '2026-11-12T07:00:00.000Z';
  const comune = { id: ids.id('com'), fiscalCode: '82000123453', name: 'Comune di Valdimonte', treasuryIban: 'IT41S0100003245000000001234', segregationCode: '47' };
  const serviceId = ids.id('svc');
  const agents = Array.from({ length: setUp.agentCount }, (_, index) => ({ agentId: ids.id('agt'), keyId: ids.id('key'), terminalId: ids.id('trm'), index }));
  const keyHashes = await Promise.all(agents.map((agent) => webCryptoSha256(`sk_${agent.keyId}`)));
  const credits = setUp.creditAmounts.map((amount, index) => ({ id: ids.id('crd'), amount, noticeNumber: makeNoticeNumber(comune.segregationCode, String(index + 1).padStart(13, '0')) }));

  await opened.store.transaction(async (tx) => {
    await tx.comuni.insert(comune, createdAt);
    await tx.comuni.setNextIuv(comune.id, credits.length + 1);
    await tx.fees.set(comune.id, 'agent', setUp.fees);
    await tx.services.insert({ id: serviceId, comuneId: comune.id, code: 'TARI', name: 'TARI - Tassa sui rifiuti', description: 'Tassa sui rifiuti.', acceptsUnexpected: false, fields: null, amountRule: null });
    for (const agent of agents) {
      await tx.agents.insert({ id: agent.agentId, comuneId: comune.id, name: `Tabaccheria ${agent.index + 1}`, taxCode: '01234560785', address: 'Via Roma 1', lowBalanceThreshold: 0, openingHours: [] }, createdAt);
      await tx.terminals.insert({ id: agent.terminalId, comuneId: comune.id, agentId: agent.agentId, label: 'Cassa 1' }, createdAt);
      await tx.apiKeys.insert(
        { id: agent.keyId, kind: 'terminal', comuneId: comune.id, agentId: agent.agentId, terminalId: agent.terminalId, keyPrefix: 'sk_', allowedOrigins: [], createdAt },
        keyHashes[agent.index]!,
      );
    }
    for (const credit of credits) {
      await tx.credits.insert({
        id: credit.id,
        comuneId: comune.id,
        serviceId,
        noticeNumber: credit.noticeNumber,
        iuv: credit.noticeNumber.slice(1),
        debtorType: 'person',
        debtorTaxCode: 'RSSMRA85T10H501O',
        debtorName: 'Mario Rossi',
        description: 'TARI 2026 - via Roma 12, Rossi Mario',
        publicDescription: 'TARI 2026',
        amount: credit.amount,
        dueDate: null,
        status: 'open',
        unexpected: false,
        fields: null,
        createdAt,
        paidAt: null,
      });
    }
  });

  const terminals = agents.map(({ agentId, keyId, terminalId, index }): TerminalPrincipal => ({ kind: 'terminal', keyId, comuneId: comune.id, agentId, agentName: `Tabaccheria ${index + 1}`, terminalId }));
  return booksOf(opened, { engine, bank, comuneId: comune.id, serviceId, terminals, credits });
}

function booksOf(
  opened: OpenedStore,
  parts: { engine: Engine; bank: SandboxBank; comuneId: string; serviceId: string; terminals: TerminalPrincipal[]; credits: Books['credits'] },
): Books {
  const { engine, bank, ...tenant } = parts;
  return {
    ...tenant,
    engine,
    bank,
    store: opened.store,
    snapshot: () => opened.store.diagnostics.snapshot(),
    async dispose() {
      await engine.close();
      await bank.close();
      await opened.dispose();
    },
  };
}
