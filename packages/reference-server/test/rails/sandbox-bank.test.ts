import { mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterEach, describe, expect, it, vi } from 'vitest';
import { MemoryBankBook, RailTimeoutError, SandboxBank, sepaRemittance, type FaultPlan, type RailAnswer, type SandboxBankOptions, type TransferOrder } from '@pay-box/engine';
import { SqliteBankBook } from '../../src/rails/sqlite-bank-book.js';
import { anotherWriter } from '../support/another-writer.js';

const timeout = { timeoutMs: 30 };
const openBanks: SandboxBank[] = [];

afterEach(async () => {
  await Promise.all(openBanks.splice(0).map((bank) => bank.close()));
});

/** The bank on its books in memory, or in the SQLite file given (as the reference server keeps them). */
function openBank({ file, ...options }: Partial<Omit<SandboxBankOptions, 'book'>> & { file?: string } = {}): SandboxBank {
  const book = file ? new SqliteBankBook(file) : new MemoryBankBook();
  const bank = new SandboxBank({ book, latencyMs: 5, lateAnswerMs: 20, ...options });
  openBanks.push(bank);
  return bank;
}

function withFault(faults: FaultPlan): SandboxBank {
  return openBank({ faults });
}

function order(overrides: Partial<TransferOrder> = {}): TransferOrder {
  return {
    endToEndId: 'pay_01HZX3K8Q2M4N6P8R0T2V4',
    amount: 1250,
    creditorName: 'Comune di Forli',
    creditorIban: 'IT60X0542811101000000123456',
    remittance: '/RFB/01000000000000144/12.50/TXT/TARI 2025',
    ...overrides,
  };
}

/** Collects what arrives through onAnswer. */
function answersOf(bank: SandboxBank): Array<[string, RailAnswer]> {
  const received: Array<[string, RailAnswer]> = [];
  bank.onAnswer((endToEndId, answer) => received.push([endToEndId, answer]));
  return received;
}

function nextAnswer(bank: SandboxBank): Promise<[string, RailAnswer]> {
  return new Promise((resolve) => {
    const stop = bank.onAnswer((endToEndId, answer) => {
      stop();
      resolve([endToEndId, answer]);
    });
  });
}

const pause = (ms: number) => new Promise((resolve) => setTimeout(resolve, ms));

describe('SandboxBank without faults', () => {
  it('settles a valid transfer with a bank reference, books it once and reports it by EndToEndId', async () => {
    const bank = openBank();
    const delivered = answersOf(bank);

    const answer = await bank.send(order(), timeout);

    const booked = bank.transfersFor(order().endToEndId);
    expect(booked).toEqual([expect.objectContaining({ state: 'settled', amount: 1250, creditorIban: order().creditorIban })]);
    expect(answer).toEqual({ outcome: 'settled', bankReference: booked[0]?.bankReference });
    expect(await bank.status(order().endToEndId, timeout)).toEqual(answer);
    expect(delivered).toEqual([]);
  });

  it('says unknown about a transfer it never received', async () => {
    expect(await openBank().status('pay_neverSent00', timeout)).toEqual({ outcome: 'unknown' });
  });

  it('books every send, even with the same EndToEndId, and reports the latest', async () => {
    const bank = openBank();

    const first = await bank.send(order(), timeout);
    const second = await bank.send(order(), timeout);

    expect(bank.transfersFor(order().endToEndId)).toHaveLength(2);
    expect(second).not.toEqual(first);
    expect(await bank.status(order().endToEndId, timeout)).toEqual(second);
  });

  it('times out when it is slower than the caller is willing to wait, the transfer settled all the same', async () => {
    const bank = openBank({ latencyMs: 100 });

    await expect(bank.send(order(), { timeoutMs: 20 })).rejects.toThrow(RailTimeoutError);
    expect(bank.transfersFor(order().endToEndId)).toEqual([expect.objectContaining({ state: 'settled' })]);
  });

  it('gives unique bank references of at most 35 characters over 1,000 transfers', async () => {
    const bank = openBank({ latencyMs: 0 });

    const answers = await Promise.all(
      Array.from({ length: 1_000 }, (_, index) => bank.send(order({ endToEndId: `pay_${String(index).padStart(10, '0')}` }), timeout)),
    );

    const references = answers.map((answer) => (answer.outcome === 'settled' ? answer.bankReference : ''));
    expect(new Set(references).size).toBe(1_000);
    expect(references.every((reference) => /^[A-Z0-9]{1,35}$/.test(reference))).toBe(true);
  });
});

describe('SandboxBank validation', () => {
  it.each([
    ['a wrong IBAN', { creditorIban: 'IT60X0542811101000000123457' }, 'AC01'],
    ['a zero amount', { amount: 0 }, 'AM02'],
    ['a negative amount', { amount: -500 }, 'AM02'],
    ['a fractional amount', { amount: 12.5 }, 'AM02'],
    ['an EndToEndId over 35 characters', { endToEndId: 'E'.repeat(36) }, 'FF01'],
    ['an empty creditor name', { creditorName: ' ' }, 'FF01'],
    ['a remittance over 140 characters', { remittance: 'R'.repeat(141) }, 'FF01'],
    ['a remittance outside the SEPA character set', { remittance: '/RFB/01000000000000144/12.50/TXT/Città' }, 'FF01'],
  ])('rejects %s with %s, books the rejection and reports it', async (_case, overrides, reasonCode) => {
    const bank = openBank();
    const invalid = order(overrides);

    const answer = await bank.send(invalid, timeout);

    expect(answer).toEqual({ outcome: 'rejected', reasonCode, reason: expect.any(String) });
    expect(await bank.status(invalid.endToEndId, timeout)).toEqual(answer);
    expect(bank.transfersFor(invalid.endToEndId)).toEqual([expect.objectContaining({ state: 'rejected', bankReference: null })]);
  });

  it('accepts the remittance that sepaRemittance builds from any service name', async () => {
    const remittance = sepaRemittance('01000000000000144', 1250, 'Canone mercatale – Forlì «spunta» €'.repeat(6));

    expect(await openBank().send(order({ remittance }), timeout)).toMatchObject({ outcome: 'settled' });
  });

  it('answers an invalid transfer even under a fault plan, without using up the fault', async () => {
    const bank = withFault({ fault: 'lost', times: 1 });

    expect(await bank.send(order({ amount: 0 }), timeout)).toMatchObject({ outcome: 'rejected', reasonCode: 'AM02' });
    await expect(bank.send(order(), timeout)).rejects.toThrow(RailTimeoutError);
  });
});

describe('SandboxBank faults', () => {
  it('timeout: settles the transfer but never answers the send; status says settled', async () => {
    const bank = withFault({ fault: 'timeout' });
    const delivered = answersOf(bank);
    const startedAt = Date.now();

    await expect(bank.send(order(), timeout)).rejects.toThrow(RailTimeoutError);

    expect(Date.now() - startedAt).toBeGreaterThanOrEqual(timeout.timeoutMs - 2);
    const [booked] = bank.transfersFor(order().endToEndId);
    expect(booked).toMatchObject({ state: 'settled' });
    expect(await bank.status(order().endToEndId, timeout)).toEqual({ outcome: 'settled', bankReference: booked?.bankReference });
    expect(delivered).toEqual([]);
  });

  it('lost: books nothing, the send times out and status says unknown, so sending again is the first transfer', async () => {
    const bank = withFault({ fault: 'lost', times: 1 });

    await expect(bank.send(order(), timeout)).rejects.toThrow(RailTimeoutError);
    expect(bank.allTransfers()).toEqual([]);
    expect(await bank.status(order().endToEndId, timeout)).toEqual({ outcome: 'unknown' });

    expect(await bank.send(order(), timeout)).toMatchObject({ outcome: 'settled' });
    expect(bank.transfersFor(order().endToEndId)).toHaveLength(1);
  });

  it('reject: answers rejected AC04 (closed account) and books the rejection', async () => {
    const bank = withFault({ fault: 'reject' });

    const answer = await bank.send(order(), timeout);

    expect(answer).toEqual({ outcome: 'rejected', reasonCode: 'AC04', reason: expect.any(String) });
    expect(await bank.status(order().endToEndId, timeout)).toEqual(answer);
    expect(bank.transfersFor(order().endToEndId)).toEqual([expect.objectContaining({ state: 'rejected', reasonCode: 'AC04' })]);
  });

  it('late: the send times out, status says processing, then the settled answer arrives through onAnswer', async () => {
    const bank = withFault({ fault: 'late' });
    const lateAnswer = nextAnswer(bank);

    await expect(bank.send(order(), timeout)).rejects.toThrow(RailTimeoutError);
    expect(await bank.status(order().endToEndId, timeout)).toEqual({ outcome: 'processing' });
    expect(bank.transfersFor(order().endToEndId)).toEqual([expect.objectContaining({ state: 'processing', bankReference: null })]);

    const [endToEndId, answer] = await lateAnswer;
    expect(endToEndId).toBe(order().endToEndId);
    expect(answer).toEqual({ outcome: 'settled', bankReference: expect.any(String) });
    expect(await bank.status(order().endToEndId, timeout)).toEqual(answer);
    expect(bank.transfersFor(order().endToEndId)).toEqual([expect.objectContaining({ state: 'settled' })]);
  });

  it('duplicate: answers the send, then delivers the same answer once more through onAnswer', async () => {
    const bank = withFault({ fault: 'duplicate' });
    const delivered = answersOf(bank);
    const duplicate = nextAnswer(bank);

    const answer = await bank.send(order(), timeout);

    expect(await duplicate).toEqual([order().endToEndId, answer]);
    await pause(30);
    expect(delivered).toEqual([[order().endToEndId, answer]]);
    expect(bank.transfersFor(order().endToEndId)).toHaveLength(1);
  });

  it('hits only the first `times` transfers', async () => {
    const bank = withFault({ fault: 'reject', times: 2 });

    const outcomes = [];
    // Four transfers of their own: one EndToEndId sent again is a duplicate the bank refuses.
    for (let index = 0; index < 4; index += 1) outcomes.push((await bank.send(order({ endToEndId: `pay_01HZX3K8Q2M4N6P8R0T2V${index}` }), timeout)).outcome);

    expect(outcomes).toEqual(['rejected', 'rejected', 'settled', 'settled']);
  });

  it('refuses an EndToEndId it already settled (AM05), booking the money once', async () => {
    const bank = openBank();
    expect((await bank.send(order(), timeout)).outcome).toBe('settled');
    expect(await bank.send(order(), timeout)).toMatchObject({ outcome: 'rejected', reasonCode: 'AM05' });
    expect(bank.transfersFor(order().endToEndId).filter((transfer) => transfer.state !== 'rejected')).toHaveLength(1);
  });

  it.each(['memory', 'SQLite file'] as const)('refuses the second of two sends of one EndToEndId in the same turn (books in %s)', async (kind) => {
    const directory = mkdtempSync(join(tmpdir(), 'sandbox-bank-'));
    try {
      const bank = openBank(kind === 'memory' ? {} : { file: join(directory, 'sandbox-bank.sqlite') });
      // Sent together, the first is not yet written when the second is checked: the check sees it all the same.
      const answers = await Promise.all([bank.send(order(), timeout), bank.send(order(), timeout), bank.send(order({ endToEndId: 'pay_other0000' }), timeout)]);

      expect(answers.map((answer) => answer.outcome)).toEqual(['settled', 'rejected', 'settled']);
      expect(answers[1]).toMatchObject({ reasonCode: 'AM05' });
      expect(bank.transfersFor(order().endToEndId).map((transfer) => transfer.state)).toEqual(['settled', 'rejected']);
      await bank.close();
    } finally {
      rmSync(directory, { recursive: true, force: true });
    }
  });

  it('hits a transfer when the injected random number falls under the rate', async () => {
    const draws = [0.7, 0.2, 0.5];
    const bank = openBank({ faults: { fault: 'reject', rate: 0.5 }, random: () => draws.shift() ?? 1 });

    const outcomes = [];
    for (let index = 0; index < 3; index += 1) outcomes.push((await bank.send(order({ endToEndId: `pay_01HZX3K8Q2M4N6P8R0T2V${index}` }), timeout)).outcome);

    expect(outcomes).toEqual(['settled', 'rejected', 'settled']);
  });
});

describe('SandboxBank lifecycle', () => {
  const directories: string[] = [];
  afterEach(() => directories.splice(0).forEach((directory) => rmSync(directory, { recursive: true, force: true })));

  function bankFile(): string {
    const directory = mkdtempSync(join(tmpdir(), 'sandbox-bank-'));
    directories.push(directory);
    return join(directory, 'sandbox-bank.sqlite');
  }

  it('keeps its books across a close and reopen of the same file, and goes on numbering', async () => {
    const file = bankFile();
    const before = openBank({ file });
    const first = await before.send(order({ endToEndId: 'pay_first000' }), timeout);
    await before.close();

    const after = openBank({ file });
    expect(await after.status('pay_first000', timeout)).toEqual(first);
    const second = await after.send(order({ endToEndId: 'pay_second00' }), timeout);

    expect(after.allTransfers().map((transfer) => transfer.endToEndId)).toEqual(['pay_first000', 'pay_second00']);
    expect(second).not.toEqual(first);
  });

  it('opens a new file while another instance writes to it: two servers starting together on one data folder', async () => {
    const file = bankFile();
    const other = await anotherWriter(file, 300);

    const bank = openBank({ file });

    expect(await bank.send(order(), timeout)).toMatchObject({ outcome: 'settled' });
    await other.done;
  });

  it('settles after a reopen the late transfer it was still processing when closed', async () => {
    const file = bankFile();
    const before = openBank({ file, faults: { fault: 'late' }, lateAnswerMs: 10_000 });
    await expect(before.send(order(), timeout)).rejects.toThrow(RailTimeoutError);
    await before.close();

    const after = openBank({ file });
    expect(await after.status(order().endToEndId, timeout)).toEqual({ outcome: 'processing' });
    const [, answer] = await nextAnswer(after);

    expect(answer).toMatchObject({ outcome: 'settled' });
    expect(await after.status(order().endToEndId, timeout)).toEqual(answer);
  });

  it('close drops pending late answers and leaves no timer behind', async () => {
    // The bank's own timers, on a fake clock: what other tests of this process schedule does not count.
    vi.useFakeTimers({ toFake: ['setTimeout', 'clearTimeout'] });
    try {
      const bank = openBank({ faults: { fault: 'late' }, lateAnswerMs: 10_000 });
      const delivered = answersOf(bank);
      const sending = expect(bank.send(order(), timeout)).rejects.toThrow(RailTimeoutError);
      await vi.advanceTimersByTimeAsync(timeout.timeoutMs + 50);
      await sending;
      expect(vi.getTimerCount(), 'the late answer is scheduled').toBeGreaterThan(0);

      await bank.close();

      expect(vi.getTimerCount()).toBe(0);
      await vi.advanceTimersByTimeAsync(20_000);
      expect(delivered).toEqual([]);
    } finally {
      vi.useRealTimers();
    }
  });

  it('close makes a send still waiting for its answer time out', async () => {
    const bank = openBank({ faults: { fault: 'timeout' } });
    const sending = bank.send(order(), { timeoutMs: 10_000 });
    await pause(5);

    await bank.close();

    await expect(sending).rejects.toThrow(RailTimeoutError);
  });
});

describe('SandboxBank holding its answers (a bank that clears in batches)', () => {
  it('answers processing, then settles on settleProcessing and notifies the answer once', async () => {
    const bank = openBank({ answers: 'held' });
    const delivered = answersOf(bank);
    expect(await bank.send(order(), timeout)).toEqual({ outcome: 'processing' });
    expect(await bank.status(order().endToEndId, timeout)).toEqual({ outcome: 'processing' });

    const settled = bank.settleProcessing();

    expect(settled).toEqual([expect.objectContaining({ endToEndId: order().endToEndId, state: 'settled', bankReference: expect.stringMatching(/^PBXSBX\d{8}\d{12}$/) })]);
    expect(delivered).toEqual([[order().endToEndId, { outcome: 'settled', bankReference: settled[0]!.bankReference }]]);
    expect(bank.settleProcessing()).toEqual([]);
  });

  it('dates its references in Rome: a transfer settled at 23:30 UTC on 31 December is dated 1 January', async () => {
    const bank = openBank({ now: () => new Date('2026-12-31T23:30:00Z') });
    const answer = await bank.send(order(), timeout);
    expect(answer).toMatchObject({ outcome: 'settled', bankReference: expect.stringMatching(/^PBXSBX20270101/) });
  });
});
