import { accounts, DomainError, LedgerInvariantError, postLedgerTransaction, type Posting } from '@pay-box/engine';
import { afterEach, beforeEach, describe, expect, it } from 'vitest';
import { storeFactories } from '../../../../test-support/stores.js';
import { openBooks, type Books } from '../support/books.js';

describe.each(storeFactories)('the ledger on the $name store', (factory) => {
  let books: Books;
  let agentId: string;

  beforeEach(async () => {
    books = await openBooks(factory, { fees: { citizenFee: 150, agentShare: 100 }, agentCount: 1, creditAmounts: [] });
    agentId = books.terminals[0]!.agentId;
  });

  afterEach(() => books.dispose());

  const post = (postings: Posting[], kind: 'top_up' | 'reversal' = 'top_up') => {
    const { ids, clock } = books.engine.context;
    return books.store.transaction((tx) => postLedgerTransaction(tx, ids, kind, agentId, books.comuneId, postings, clock.now()));
  };
  const postingsOf = async (transactionId: string) =>
    (await books.snapshot()).ledger_postings!.filter((row) => (row as { transaction_id: string }).transaction_id === transactionId);

  const topUp = (amount: number) =>
    post([
      { account: accounts.institutionBank(), amount },
      { account: accounts.agentFloat(agentId), amount: -amount },
    ]);

  /** Draws `amount` from the agent's float: what a payment does. */
  const drawFloat = (amount: number) =>
    post(
      [
        { account: accounts.agentFloat(agentId), amount },
        { account: accounts.institutionBank(), amount: -amount },
      ],
      'reversal',
    );

  describe('Ledger.post', () => {
    it('writes one transaction whose postings move the stored balances', async () => {
      const transactionId = await topUp(10_000);

      expect(await postingsOf(transactionId)).toEqual([
        expect.objectContaining({ account_id: 'institution_bank', amount: 10_000 }),
        expect.objectContaining({ account_id: `agent_float:${agentId}`, amount: -10_000 }),
      ]);
      expect(await books.engine.agents.floatBalance(agentId)).toBe(10_000);
      await expect(books.engine.books.check()).resolves.toBeUndefined();
    });

    it.each<[string, Posting[]]>([
      ['postings that do not sum to zero', [
        { account: accounts.institutionBank(), amount: 1000 },
        { account: accounts.feeRevenue(), amount: -999 },
      ]],
      ['a single posting', [{ account: accounts.institutionBank(), amount: 1000 }]],
      ['one non-zero posting and a zero one', [
        { account: accounts.institutionBank(), amount: 1000 },
        { account: accounts.feeRevenue(), amount: 0 },
      ]],
      ['no postings', []],
      ['fractions of a cent', [
        { account: accounts.institutionBank(), amount: 10.5 },
        { account: accounts.feeRevenue(), amount: -10.5 },
      ]],
      ['NaN', [
        { account: accounts.institutionBank(), amount: Number.NaN },
        { account: accounts.feeRevenue(), amount: Number.NaN },
      ]],
      ['amounts beyond safe integers', [
        { account: accounts.institutionBank(), amount: 2 ** 53 },
        { account: accounts.feeRevenue(), amount: -(2 ** 53) },
      ]],
    ])('refuses %s and writes nothing', async (_case, postings) => {
      const before = await books.snapshot();
      await expect(post(postings)).rejects.toBeInstanceOf(LedgerInvariantError);
      expect(await books.snapshot()).toEqual(before);
    });

    it('stores no zero postings', async () => {
      const transactionId = await post([
        { account: accounts.institutionBank(), amount: 500 },
        { account: accounts.feeRevenue(), amount: 0 },
        { account: accounts.agentFloat(agentId), amount: -500 },
      ]);
      expect(await postingsOf(transactionId)).toHaveLength(2);
    });

    it('lets a float go down to exactly zero and not one cent further', async () => {
      await topUp(2_000);
      const before = await books.snapshot();
      const refused = await drawFloat(2_001).catch((error: unknown) => error);
      expect(refused).toBeInstanceOf(DomainError);
      expect(refused).toMatchObject({ code: 'insufficient_float', details: { balance: 2_000, required: 2_001 } });
      expect(await books.snapshot()).toEqual(before);

      await drawFloat(2_000);
      expect(await books.engine.agents.floatBalance(agentId)).toBe(0);
      await expect(drawFloat(1)).rejects.toMatchObject({ code: 'insufficient_float' });
    });

    it('refuses to draw on the float of an agent that never had one', async () => {
      await expect(drawFloat(1)).rejects.toMatchObject({ code: 'insufficient_float', details: { balance: 0, required: 1 } });
    });
  });
});
