import type { ErrorCode } from '@pay-box/contract';
import { DomainError, type RailAnswer } from '@pay-box/engine';
import fc from 'fast-check';
import { describe, expect, it } from 'vitest';
import { storeFactories } from '../../../../test-support/stores.js';
import { openBooks, type Books, type BooksSetUp } from '../support/books.js';

/*
 * Model-based property test of the money rules (ARCHITECTURE.md, "Money"). fast-check draws a tenant
 * and a sequence of commands; each command picks its agent, credit or transfer by an index taken
 * modulo what exists at that moment. A small model of our own predicts every outcome, and after each
 * command the books are checked against the model and against the invariants, computed here from
 * the store's raw rows rather than through the code under test. The same property runs on every store.
 */

type AnswerAgain = 'same_reference' | 'other_reference' | 'rejected';

type Command =
  | { kind: 'topUp'; agent: number; amount: number }
  /** `retried`: the same request is sent again with the same Idempotency-Key, as after a lost answer. */
  | { kind: 'pay'; agent: number; credit: number; via: 'once' | 'retried' }
  | { kind: 'payTwiceAtOnce'; agents: [number, number]; credit: number }
  | { kind: 'payWrongAmount'; agent: number; credit: number; delta: number }
  | { kind: 'settle'; transfer: number }
  | { kind: 'reject'; transfer: number }
  | { kind: 'settleWithTakenReference'; transfer: number; owner: number }
  | { kind: 'answerAgain'; transfer: number; answer: AnswerAgain }
  | { kind: 'answerUnknownTransfer' };

const index = fc.nat(1_000);

const command: fc.Arbitrary<Command> = fc.oneof(
  {
    weight: 3,
    arbitrary: fc.record({
      kind: fc.constant('topUp' as const),
      agent: index,
      // Mostly valid top-ups, sometimes ones the service must refuse.
      amount: fc.oneof({ weight: 9, arbitrary: fc.integer({ min: 1, max: 60_000 }) }, fc.constantFrom(0, -500, 12.5)),
    }),
  },
  { weight: 5, arbitrary: fc.record({ kind: fc.constant('pay' as const), agent: index, credit: index, via: fc.constantFrom('once' as const, 'retried' as const) }) },
  { weight: 1, arbitrary: fc.record({ kind: fc.constant('payTwiceAtOnce' as const), agents: fc.tuple(index, index), credit: index }) },
  { weight: 1, arbitrary: fc.record({ kind: fc.constant('payWrongAmount' as const), agent: index, credit: index, delta: fc.integer({ min: -5_000, max: 5_000 }).filter((delta) => delta !== 0) }) },
  { weight: 3, arbitrary: fc.record({ kind: fc.constant('settle' as const), transfer: index }) },
  { weight: 1, arbitrary: fc.record({ kind: fc.constant('reject' as const), transfer: index }) },
  { weight: 2, arbitrary: fc.record({ kind: fc.constant('settleWithTakenReference' as const), transfer: index, owner: index }) },
  { weight: 3, arbitrary: fc.record({ kind: fc.constant('answerAgain' as const), transfer: index, answer: fc.constantFrom<AnswerAgain>('same_reference', 'other_reference', 'rejected') }) },
  { weight: 1, arbitrary: fc.constant({ kind: 'answerUnknownTransfer' as const }) },
);

const setUp: fc.Arbitrary<BooksSetUp> = fc.record({
  fees: fc.tuple(fc.integer({ min: 0, max: 300 }), fc.integer({ min: 0, max: 300 })).map(([a, b]) => ({ citizenFee: Math.max(a, b), agentShare: Math.min(a, b) })),
  agentCount: fc.integer({ min: 1, max: 3 }),
  creditAmounts: fc.array(fc.integer({ min: 1, max: 25_000 }), { minLength: 1, maxLength: 10 }),
});

interface ModelTransfer {
  paymentId: string;
  amount: number;
  status: 'pending' | 'settled' | 'rejected';
  bankReference: string | null;
}

/** What the books must say, kept by the test alone. */
interface Model {
  floats: number[];
  paidCredits: Set<number>;
  transfers: ModelTransfer[];
  toppedUp: number;
  collectedForComune: number;
  institutionFees: number;
  settledToComune: number;
}

type Outcome<T> = { ok: true; value: T } | { ok: false; error: unknown };

const attempt = <T>(promise: Promise<T>): Promise<Outcome<T>> =>
  promise.then(
    (value) => ({ ok: true, value }),
    (error: unknown) => ({ ok: false, error }),
  );

const pick = <T>(items: T[], at: number): T | undefined => items[at % Math.max(items.length, 1)];

class Run {
  private readonly model: Model;
  private readonly institutionFeeShare: number;
  private readonly citizenFee: number;
  private sequence = 0;

  constructor(
    private readonly books: Books,
    setUp: BooksSetUp,
    /** What happened, across runs: proof that the property reached every path. */
    private readonly seen: Set<string>,
  ) {
    this.model = { floats: books.terminals.map(() => 0), paidCredits: new Set(), transfers: [], toppedUp: 0, collectedForComune: 0, institutionFees: 0, settledToComune: 0 };
    this.institutionFeeShare = setUp.fees.citizenFee - setUp.fees.agentShare;
    this.citizenFee = setUp.fees.citizenFee;
  }

  private note(event: string): void {
    this.seen.add(event);
  }

  /** A bank reference no transfer has had yet. */
  private freshReference(): string {
    return `TRN${String(++this.sequence).padStart(8, '0')}`;
  }

  async apply(command: Command): Promise<void> {
    switch (command.kind) {
      case 'topUp':
        return this.topUp(command.agent, command.amount);
      case 'pay':
        return this.pay(command.agent, command.credit, command.via);
      case 'payTwiceAtOnce':
        return this.payTwiceAtOnce(command.agents, command.credit);
      case 'payWrongAmount':
        return this.payWrongAmount(command.agent, command.credit, command.delta);
      case 'settle':
        return this.settle(command.transfer);
      case 'reject':
        return this.reject(command.transfer);
      case 'settleWithTakenReference':
        return this.settleWithTakenReference(command.transfer, command.owner);
      case 'answerAgain':
        return this.answerAgain(command.transfer, command.answer);
      case 'answerUnknownTransfer':
        return this.expectNoChange(async () => {
          expect(await this.answer('pay_000000000000', { outcome: 'settled', bankReference: this.freshReference() })).toBe('unknown_transfer');
          this.note('unknown_transfer');
        });
    }
  }

  private async topUp(agentIndex: number, amount: number): Promise<void> {
    const agent = agentIndex % this.model.floats.length;
    const call = () => this.books.engine.agents.topUp(this.books.terminals[agent]!.agentId, amount);
    if (!Number.isSafeInteger(amount) || amount <= 0) {
      return this.expectNoChange(() => this.expectRefusal(call(), 'validation_failed'));
    }
    const { balance } = await call();
    this.model.floats[agent]! += amount;
    this.model.toppedUp += amount;
    expect(balance).toBe(this.model.floats[agent]);
    this.note('topped_up');
  }

  /** Why the model says this payment must fail, or null when it must go through. */
  private predictedRefusal(agent: number, creditIndex: number): ErrorCode | null {
    if (this.model.paidCredits.has(creditIndex)) return 'credit_already_paid';
    if (this.model.floats[agent]! < this.books.credits[creditIndex]!.amount + this.institutionFeeShare) return 'insufficient_float';
    return null;
  }

  /** Pays with the engine, as the payment route does; resolves with the payment id. */
  private payOnce(agent: number, credit: number, idempotencyKey: string): Promise<string> {
    const { id: creditId, amount } = this.books.credits[credit]!;
    return this.books.engine.payments.create(this.books.terminals[agent]!, { creditId, amount }, idempotencyKey).then(async ({ payment, replayed }) => {
      expect(payment).toMatchObject({ amount, fee: this.citizenFee, floatDebited: amount + this.institutionFeeShare });
      if (replayed) this.note('replayed');
      // The bank answers `processing`; its effect on the outbox lands before the next command looks.
      await this.books.engine.transfers.idle();
      return payment.id;
    });
  }

  private recordPayment(agent: number, creditIndex: number, paymentId: string): void {
    const amount = this.books.credits[creditIndex]!.amount;
    this.model.floats[agent]! -= amount + this.institutionFeeShare;
    this.model.paidCredits.add(creditIndex);
    this.model.collectedForComune += amount;
    this.model.institutionFees += this.institutionFeeShare;
    this.model.transfers.push({ paymentId, amount, status: 'pending', bankReference: null });
    this.note('paid');
  }

  private async pay(agentIndex: number, creditIndex: number, via: 'once' | 'retried'): Promise<void> {
    const agent = agentIndex % this.model.floats.length;
    const credit = creditIndex % this.books.credits.length;
    const key = `key-${++this.sequence}`;
    const refusal = this.predictedRefusal(agent, credit);
    if (refusal) {
      await this.expectNoChange(() => this.expectRefusal(this.payOnce(agent, credit, key), refusal));
      // A refused request stored nothing under its key: a retry is judged afresh, and refused the same way.
      if (via === 'retried') await this.expectNoChange(() => this.expectRefusal(this.payOnce(agent, credit, key), refusal));
      return;
    }
    const paymentId = await this.payOnce(agent, credit, key);
    this.recordPayment(agent, credit, paymentId);
    if (via === 'retried') await this.expectNoChange(async () => expect(await this.payOnce(agent, credit, key)).toBe(paymentId));
  }

  /** Two terminals pay one credit at once: whatever order the store runs them in, one pays and the other is told. */
  private async payTwiceAtOnce(agentIndexes: [number, number], creditIndex: number): Promise<void> {
    const agents = agentIndexes.map((at) => at % this.model.floats.length);
    const credit = creditIndex % this.books.credits.length;
    const before = await this.books.snapshot();
    const outcomes = await Promise.all(agents.map((agent) => attempt(this.payOnce(agent, credit, `key-${++this.sequence}`))));
    const paid = outcomes.findIndex((outcome) => outcome.ok);
    if (paid === -1) {
      agents.forEach((agent, at) => expect(outcomes[at]).toMatchObject({ ok: false, error: { code: this.predictedRefusal(agent, credit) } }));
      expect(await this.books.snapshot()).toEqual(before);
      return;
    }
    expect(this.predictedRefusal(agents[paid]!, credit)).toBeNull();
    // The other was refused: for its own reason if it ran first, or because the credit was paid if it ran second.
    const ownReason = this.predictedRefusal(agents[1 - paid]!, credit);
    const loser = outcomes[1 - paid]!;
    expect(loser.ok).toBe(false);
    if (!loser.ok) expect([ownReason, 'credit_already_paid']).toContain((loser.error as DomainError).code);
    const winner = outcomes[paid]!;
    if (winner.ok) this.recordPayment(agents[paid]!, credit, winner.value);
    this.note('race_lost_by_one');
  }

  private payWrongAmount(agentIndex: number, creditIndex: number, delta: number): Promise<void> {
    const credit = creditIndex % this.books.credits.length;
    const { id: creditId, amount } = this.books.credits[credit]!;
    const wrongAmount = amount + delta > 0 ? amount + delta : amount + Math.abs(delta);
    const terminal = this.books.terminals[agentIndex % this.books.terminals.length]!;
    const refusal = this.model.paidCredits.has(credit) ? 'credit_already_paid' : 'amount_mismatch';
    return this.expectNoChange(() =>
      this.expectRefusal(this.books.engine.payments.create(terminal, { creditId, amount: wrongAmount }, `key-${++this.sequence}`), refusal),
    );
  }

  private answer(paymentId: string, answer: RailAnswer) {
    return this.books.engine.transfers.recordAnswer(paymentId, answer);
  }

  private transfersWith(status: ModelTransfer['status'] | 'answered'): ModelTransfer[] {
    return this.model.transfers.filter((transfer) => (status === 'answered' ? transfer.status !== 'pending' : transfer.status === status));
  }

  private async settle(at: number): Promise<void> {
    const transfer = pick(this.transfersWith('pending'), at);
    if (!transfer) return;
    const bankReference = this.freshReference();
    expect(await this.answer(transfer.paymentId, { outcome: 'settled', bankReference })).toBe('settled');
    Object.assign(transfer, { status: 'settled', bankReference });
    this.model.settledToComune += transfer.amount;
    this.note('settled');
  }

  private async reject(at: number): Promise<void> {
    const transfer = pick(this.transfersWith('pending'), at);
    if (!transfer) return;
    expect(await this.answer(transfer.paymentId, { outcome: 'rejected', reasonCode: 'AC01', reason: 'Incorrect account number' })).toBe('rejected');
    transfer.status = 'rejected';
    this.note('rejected');
  }

  /** The bank quotes for a second transfer a reference it already gave: never booked, whatever the service answers. */
  private async settleWithTakenReference(at: number, ownerAt: number): Promise<void> {
    const transfer = pick(this.transfersWith('pending'), at);
    const owner = pick(this.transfersWith('settled'), ownerAt);
    if (!transfer || !owner) return;
    await this.expectNoChange(async () => {
      const outcome = await attempt(this.answer(transfer.paymentId, { outcome: 'settled', bankReference: owner.bankReference! }));
      expect(outcome).not.toEqual({ ok: true, value: 'settled' });
    });
    this.note('taken_reference_not_booked');
  }

  /** Late and duplicate answers for a transfer the bank already answered change nothing. */
  private async answerAgain(at: number, answer: AnswerAgain): Promise<void> {
    const transfer = pick(this.transfersWith('answered'), at);
    if (!transfer) return;
    const repeats = transfer.status === 'settled' ? answer === 'same_reference' : answer === 'rejected';
    const expected = repeats ? 'already_recorded' : 'conflicting_answer';
    const railAnswer =
      answer === 'rejected'
        ? ({ outcome: 'rejected', reasonCode: 'AM05', reason: 'Duplication' } as const)
        : ({ outcome: 'settled', bankReference: answer === 'same_reference' && transfer.bankReference ? transfer.bankReference : this.freshReference() } as const);
    await this.expectNoChange(async () => {
      expect(await this.answer(transfer.paymentId, railAnswer)).toBe(expected);
    });
    this.note(`answered_again:${transfer.status}:${expected}`);
  }

  private async expectRefusal(promise: Promise<unknown>, code: ErrorCode): Promise<void> {
    const outcome = await attempt(promise);
    expect(outcome.ok, `expected ${code}`).toBe(false);
    if (!outcome.ok) {
      expect(outcome.error).toBeInstanceOf(DomainError);
      expect(outcome.error).toMatchObject({ code });
    }
    this.note(`refused:${code}`);
  }

  private async expectNoChange(action: () => Promise<void>): Promise<void> {
    const before = await this.books.snapshot();
    await action();
    expect(await this.books.snapshot()).toEqual(before);
  }

  /** Every money rule, checked on the store's raw rows, computed here rather than through the code under test. */
  async checkBooks(): Promise<void> {
    const { engine, terminals, credits, comuneId } = this.books;
    const tables = (await this.books.snapshot()) as unknown as Tables;
    await expect(engine.books.check()).resolves.toBeUndefined();

    // Every transaction has two or more postings that sum to zero.
    for (const transaction of tables.ledger_transactions) {
      const postings = tables.ledger_postings.filter((posting) => posting.transaction_id === transaction.id);
      expect(postings.length, `postings of ${transaction.id}`).toBeGreaterThanOrEqual(2);
      expect(sum(postings.map((posting) => posting.amount)), `sum of ${transaction.id}`).toBe(0);
    }
    // An account's balance is its row's plus its buckets'; a float keeps all of it on the row.
    const balance = (id: string) =>
      (tables.ledger_accounts.find((account) => account.id === id)?.balance ?? 0) +
      sum(tables.ledger_account_buckets.filter((bucket) => bucket.account_id === id).map((bucket) => bucket.balance));
    // Stored balances equal the replay of the postings, and no float is overdrawn.
    for (const account of tables.ledger_accounts) {
      expect(balance(account.id), account.id).toBe(sum(tables.ledger_postings.filter((posting) => posting.account_id === account.id).map((posting) => posting.amount)));
      if (account.kind === 'agent_float') {
        expect(account.balance).toBeLessThanOrEqual(0);
        expect(tables.ledger_account_buckets.filter((bucket) => bucket.account_id === account.id)).toEqual([]);
      }
    }

    // Each account holds what the model says: floats, the comune's payable, the bank, fee revenue.
    for (const [agent, { agentId }] of terminals.entries()) {
      expect(0 - balance(`agent_float:${agentId}`), `float of agent ${agent}`).toBe(this.model.floats[agent]);
      expect(await engine.agents.floatBalance(agentId)).toBe(this.model.floats[agent]);
    }
    expect(balance(`comune_payable:${comuneId}`)).toBe(this.model.settledToComune - this.model.collectedForComune);
    expect(balance('institution_bank')).toBe(this.model.toppedUp - this.model.settledToComune);
    expect(balance('fee_revenue')).toBe(0 - this.model.institutionFees);

    // A paid credit has exactly one payment and one transfer, both of its amount; an open one has none.
    expect(tables.credits).toHaveLength(credits.length);
    credits.forEach(({ id, amount }, at) => {
      const paid = this.model.paidCredits.has(at);
      const payments = tables.payments.filter((payment) => payment.credit_id === id);
      const transfers = tables.transfers.filter((transfer) => payments.some((payment) => payment.id === transfer.payment_id));
      expect(tables.credits.find((credit) => credit.id === id)?.status).toBe(paid ? 'paid' : 'open');
      expect(payments.map((payment) => payment.amount)).toEqual(paid ? [amount] : []);
      expect(transfers.map((transfer) => transfer.amount)).toEqual(paid ? [amount] : []);
    });

    // A settled transfer has one settlement posting, linked, and its own bank reference; the others have neither.
    const transfers = [...tables.transfers].sort((a, b) => (a.payment_id < b.payment_id ? -1 : 1));
    expect(
      transfers.map((transfer) => {
        const settlements = tables.ledger_transactions.filter((row) => row.kind === 'settlement' && row.reference_id === transfer.id);
        return {
          paymentId: transfer.payment_id,
          status: transfer.status,
          bankReference: transfer.bank_reference,
          settlements: settlements.length,
          linked: settlements.filter((row) => row.id === transfer.settlement_transaction_id).length,
        };
      }),
    ).toEqual(
      [...this.model.transfers]
        .sort((a, b) => (a.paymentId < b.paymentId ? -1 : 1))
        .map(({ paymentId, status, bankReference }) => {
          const settled = status === 'settled' ? 1 : 0;
          return { paymentId, status, bankReference, settlements: settled, linked: settled };
        }),
    );
    const references = tables.transfers.map((transfer) => transfer.bank_reference).filter((reference) => reference !== null);
    expect(new Set(references).size).toBe(references.length);
  }
}

/** The rows the checks read, as every store's diagnostics give them. */
interface Tables {
  ledger_transactions: Array<{ id: string; kind: string; reference_id: string | null }>;
  ledger_postings: Array<{ transaction_id: string; account_id: string; amount: number }>;
  ledger_accounts: Array<{ id: string; kind: string; balance: number }>;
  ledger_account_buckets: Array<{ account_id: string; bucket: number; balance: number }>;
  credits: Array<{ id: string; status: string }>;
  payments: Array<{ id: string; credit_id: string; amount: number }>;
  transfers: Array<{ id: string; payment_id: string; amount: number; status: string; bank_reference: string | null; settlement_transaction_id: string | null }>;
}

const sum = (values: number[]) => values.reduce((total, value) => total + value, 0);

/** Walks every path once, so the coverage check below never depends on luck; the random runs add the breadth. */
const everyPathOnce: [BooksSetUp, Command[]] = [
  { fees: { citizenFee: 150, agentShare: 100 }, agentCount: 2, creditAmounts: [10_000, 5_000, 2_000] },
  [
    { kind: 'topUp', agent: 0, amount: 0 },
    { kind: 'pay', agent: 0, credit: 0, via: 'once' },
    { kind: 'topUp', agent: 0, amount: 20_000 },
    { kind: 'topUp', agent: 1, amount: 6_000 },
    { kind: 'pay', agent: 0, credit: 0, via: 'retried' },
    { kind: 'pay', agent: 1, credit: 0, via: 'once' },
    { kind: 'payWrongAmount', agent: 1, credit: 1, delta: -1 },
    { kind: 'payTwiceAtOnce', agents: [1, 0], credit: 1 },
    { kind: 'settle', transfer: 0 },
    { kind: 'settleWithTakenReference', transfer: 0, owner: 0 },
    { kind: 'answerAgain', transfer: 0, answer: 'same_reference' },
    { kind: 'answerAgain', transfer: 0, answer: 'other_reference' },
    { kind: 'answerAgain', transfer: 0, answer: 'rejected' },
    { kind: 'reject', transfer: 0 },
    { kind: 'answerAgain', transfer: 1, answer: 'same_reference' },
    { kind: 'answerAgain', transfer: 1, answer: 'rejected' },
    { kind: 'answerUnknownTransfer' },
    { kind: 'pay', agent: 1, credit: 2, via: 'once' },
    { kind: 'pay', agent: 0, credit: 2, via: 'retried' },
  ],
];

describe.each(storeFactories)('the ledger on the $name store, under any sequence of top-ups, payments and bank answers', (factory) => {
  it('keeps every money rule, and a refused command changes nothing', async () => {
    const seen = new Set<string>();
    await fc.assert(
      fc.asyncProperty(setUp, fc.array(command, { maxLength: 40, size: 'max' }), async (tenant, commands) => {
        // The bank holds its answers: the commands decide each one.
        const books = await openBooks(factory, tenant);
        try {
          const run = new Run(books, tenant, seen);
          for (const next of commands) {
            await run.apply(next);
            await run.checkBooks();
          }
        } finally {
          await books.dispose();
        }
      }),
      { numRuns: 60, examples: [everyPathOnce] },
    );
    // Not one path went untested: a property that never reached a path would prove nothing about it.
    expect([...seen].sort()).toEqual([
      'answered_again:rejected:already_recorded',
      'answered_again:rejected:conflicting_answer',
      'answered_again:settled:already_recorded',
      'answered_again:settled:conflicting_answer',
      'paid',
      'race_lost_by_one',
      'refused:amount_mismatch',
      'refused:credit_already_paid',
      'refused:insufficient_float',
      'refused:validation_failed',
      'rejected',
      'replayed',
      'settled',
      'taken_reference_not_booked',
      'topped_up',
      'unknown_transfer',
    ]);
  }, 180_000);
});
