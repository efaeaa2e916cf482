import { mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { makeNoticeNumber } from '@pay-box/sdk/contract';
import { openContext } from '../../src/context-factory.js';
import type { Db } from '../../src/db/database.js';
import type { FeeSchedule } from '../../src/db/repositories/tenants.js';
import type { Clock, IdSource } from '../../src/ports.js';
import { createApiKey } from '../../src/services/api-keys.js';
import type { ServiceContext } from '../../src/services/context.js';
import type { TerminalPrincipal } from '../../src/services/principal.js';

export interface BooksSetUp {
  /** The comune's fee schedule at agents. */
  fees: FeeSchedule;
  agentCount: number;
  /** One open credit per amount, in cents. */
  creditAmounts: number[];
}

export interface Books {
  db: Db;
  ctx: ServiceContext;
  comuneId: string;
  /** One terminal per agent; agents start with an empty float. */
  terminals: TerminalPrincipal[];
  credits: Array<{ id: string; amount: number }>;
  /** Waits for queued writes, closes the database and deletes its folder. */
  dispose(): Promise<void>;
}

/** Ids from a counter, so a failing run prints the same ids when replayed. */
function countingIds(): IdSource {
  let next = 0;
  const count = () => String(++next).padStart(12, '0');
  return {
    id: (prefix) => `${prefix}_${count()}`,
    secret: () => `secret${count()}`,
    verificationCode: () => count().replace(/(\d{4})(\d{4})(\d{4})/, '$1-$2-$3'),
  };
}

/** One second per reading, so every posting has its own instant. */
function steppingClock(start = Date.parse('2026-11-12T08:00:00Z')): Clock {
  let tick = 0;
  return { now: () => new Date(start + 1000 * tick++) };
}

/**
 * A real SQLite file in a fresh folder with a minimal tenant: one comune, one service, agents with
 * a terminal each and open credits. Set up through the repositories, as the demo seed does.
 */
export async function openBooks(setUp: BooksSetUp): Promise<Books> {
  const dir = mkdtempSync(join(tmpdir(), 'paybox-books-'));
  const { db, ctx } = openContext(
    dir,
    { publicUrl: 'http://127.0.0.1', institutionName: 'Istituto di pagamento di prova', transferWaitMs: 0 },
    { clock: steppingClock(), ids: countingIds() },
  );
  const { comuneId, terminals, credits } = await ctx.writes.run(() => {
    const { repos, ids } = ctx;
    const createdAt = ctx.clock.now().toISOString();
    const comune = { id: ids.id('com'), fiscalCode: '82000123453', name: 'Comune di Valdimonte', treasuryIban: 'IT41S0100003245000000001234', segregationCode: '47' };
    repos.tenants.insertComune(comune, createdAt);
    repos.tenants.setFees(comune.id, 'agent', setUp.fees);
    const service = { id: ids.id('svc'), comuneId: comune.id, code: 'TARI', name: 'TARI - Tassa sui rifiuti', description: 'Tassa sui rifiuti.' };
    repos.tenants.insertService({ ...service, acceptsUnexpected: false, fields: null, amountRule: null });

    const terminals = Array.from({ length: setUp.agentCount }, (_, index): TerminalPrincipal => {
      const agentId = ids.id('agt');
      repos.tenants.insertAgent({ id: agentId, comuneId: comune.id, name: `Tabaccheria ${index + 1}`, taxCode: '01234560785', address: 'Via Roma 1', lowBalanceThreshold: 0 }, createdAt);
      const key = createApiKey(ctx, { kind: 'terminal', agentId, label: 'Cassa 1' });
      return { kind: 'terminal', keyId: key.id, comuneId: comune.id, agentId, terminalId: key.terminalId! };
    });

    const credits = setUp.creditAmounts.map((amount) => {
      const noticeNumber = makeNoticeNumber(comune.segregationCode, repos.tenants.nextIuvBase(comune.id));
      const id = ids.id('crd');
      repos.credits.insert({
        id,
        comuneId: comune.id,
        serviceId: service.id,
        noticeNumber,
        iuv: noticeNumber.slice(1),
        debtorType: 'person',
        debtorTaxCode: 'RSSMRA85T10H501O',
        debtorName: 'Mario Rossi',
        description: 'TARI 2026',
        amount,
        dueDate: null,
        status: 'open',
        unexpected: false,
        fields: null,
        createdAt,
        paidAt: null,
      });
      return { id, amount };
    });
    return { comuneId: comune.id, terminals, credits };
  });

  return {
    db,
    ctx,
    comuneId,
    terminals,
    credits,
    async dispose() {
      await ctx.writes.close();
      db.close();
      rmSync(dir, { recursive: true, force: true });
    },
  };
}

/** Every row of every table: "a failed command changed nothing" compares two of these. */
export function snapshotTables(db: Db): Record<string, unknown[]> {
  const tables = db.prepare(`SELECT name FROM sqlite_master WHERE type = 'table' ORDER BY name`).pluck().all() as string[];
  return Object.fromEntries(tables.map((table) => [table, db.prepare(`SELECT * FROM "${table}" ORDER BY rowid`).all()]));
}
