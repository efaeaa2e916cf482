import { makeNoticeNumber } from '@pay-box/contract';
import type { EngineContext } from '../context.js';
import { hashApiKey, insertKey } from '../auth/api-keys.js';
import { accounts } from '../ledger/accounts.js';
import { post } from '../ledger/ledger.js';
import type { IdSource } from '../ports/ids.js';
import type { Channel, CreditRow } from '../ports/rows.js';
import { collectPayment } from '../payments/collect-payment.js';
import { DEMO_HISTORY_PAYMENTS, historyFloatDebit, historyStart, writeHistory } from './history.js';
import {
  DEMO_FLOAT,
  demoAgents,
  demoAllowedOrigins,
  demoComune,
  demoCredits,
  demoFees,
  demoPastPayment,
  demoServiceId,
  demoServiceRows,
  demoStaff,
  LOW_BALANCE_THRESHOLD,
  SAMPLE_NOTICE_COUNT,
  type DemoCredentials,
} from './data.js';

const DAY_MS = 86_400_000;
const HOUR_MS = 3_600_000;

export interface DemoOptions {
  /** The demo staff user's password: random on a real start. */
  staffPassword: string;
  /** Origins allowed for the publishable key besides the demo's own (the server's origin). */
  extraOrigins?: string[];
  /** Float of each demo shop, in cents. Default EUR 5,000.00. */
  initialFloat?: number;
  /**
   * Also a month of past payments, so that the cruscotto's overview is not empty: the reference
   * server's demo has it; the engine's tests and the SDK's mock keep the demo small (default false).
   */
  pastMonth?: boolean;
}

/**
 * The demo as it will be written: every id, key and notice number drawn up front, without touching
 * storage, so that its credentials are known at once (the SDK's mock hands them out synchronously).
 */
export interface DemoPlan {
  credentials: DemoCredentials;
  at: Date;
  agents: Array<(typeof demoAgents)[number] & { key: { id: string; secret: string } }>;
  publishableKey: { id: string; secret: string; allowedOrigins: string[] };
  /** The open credits, then the one the first shop collected the day before. */
  credits: CreditRow[];
  staffUserId: string;
  initialFloat: number;
  pastMonth: boolean;
}

export function planDemo(ids: IdSource, at: Date, options: DemoOptions): DemoPlan {
  const createdAt = at.toISOString();
  const terminalKey = () => ({ id: ids.id('key'), secret: `sk_${ids.secret(32)}` });
  const agents = demoAgents.map((agent) => ({ ...agent, key: terminalKey() }));
  const publishableKey = { id: ids.id('key'), secret: `pk_${ids.secret(32)}`, allowedOrigins: [...new Set([...(options.extraOrigins ?? []), ...demoAllowedOrigins])] };
  // A new comune's IUV bases start at 1: the demo's credits take the first ones.
  const credits = [...demoCredits, demoPastPayment.credit].map((credit, index): CreditRow => {
    const noticeNumber = makeNoticeNumber(demoComune.segregationCode, String(index + 1).padStart(13, '0'));
    return {
      id: credit.id,
      comuneId: demoComune.id,
      serviceId: demoServiceId(credit.serviceCode),
      noticeNumber,
      iuv: noticeNumber.slice(1),
      debtorType: credit.debtor.type,
      debtorTaxCode: credit.debtor.taxCode,
      debtorName: credit.debtor.name,
      description: credit.description,
      publicDescription: credit.publicDescription,
      amount: credit.amount,
      dueDate: new Date(at.getTime() + credit.dueInDays * DAY_MS).toISOString().slice(0, 10),
      status: 'open',
      unexpected: false,
      fields: null,
      createdAt,
      paidAt: null,
    };
  });
  return {
    at,
    agents,
    publishableKey,
    credits,
    staffUserId: ids.id('usr'),
    initialFloat: options.initialFloat ?? DEMO_FLOAT,
    pastMonth: options.pastMonth ?? false,
    credentials: {
      terminalKey: agents[0]!.key.secret,
      otherTerminalKey: agents[1]!.key.secret,
      publishableKey: publishableKey.secret,
      comuneId: demoComune.id,
      agentId: agents[0]!.id,
      otherAgentId: agents[1]!.id,
      staff: { email: demoStaff.email, password: options.staffPassword },
      sampleNoticeNumbers: credits
        .filter((credit) => credit.id !== demoPastPayment.credit.id)
        .map((credit) => credit.noticeNumber)
        .sort()
        .slice(0, SAMPLE_NOTICE_COUNT),
    },
  };
}

/** The fixed ids of the demo's past payment, then the engine's own for what else it writes (ledger transactions). */
function pastPaymentIds(ids: IdSource): IdSource {
  const fixed: Record<string, string> = { rcp: demoPastPayment.receiptId, trf: demoPastPayment.transferId, obx: demoPastPayment.outboxId };
  return { id: (prefix) => fixed[prefix] ?? ids.id(prefix), secret: (length) => ids.secret(length), verificationCode: () => demoPastPayment.verificationCode };
}

/**
 * Writes a planned demo in one unit of work: the comune with its catalogue and fees, two shops with
 * their float and one terminal each, 20 open credits, a staff user and a publishable key, with
 * `pastMonth` a month of past payments at both shops and on the web (see history.ts), and the
 * payment the first shop collected the day before. Their transfers then leave like any other, in the background
 * (engine.transfers.idle() waits for them), and settle at the bank with their CRO/TRN.
 */
export async function applyDemo(ctx: EngineContext, plan: DemoPlan): Promise<void> {
  // Hashing is the only slow part, and no I/O may happen inside a unit of work: done first.
  const passwordHash = await ctx.passwords.hash(plan.credentials.staff.password);
  const keyHashes = new Map(
    await Promise.all([plan.publishableKey, ...plan.agents.map((agent) => agent.key)].map(async (key) => [key.id, await hashApiKey(ctx, key.secret)] as const)),
  );
  const createdAt = plan.at.toISOString();
  const comuneId = demoComune.id;
  const paidAt = new Date(plan.at.getTime() - DAY_MS);
  const pastFloatDebit = demoPastPayment.credit.amount + demoFees.agent.citizenFee - demoFees.agent.agentShare;
  const historyCount = plan.pastMonth ? DEMO_HISTORY_PAYMENTS : 0;
  const past = await ctx.store.transaction(async (tx) => {
    const terminalIds: string[] = [];
    await tx.comuni.insert(demoComune, createdAt);
    // The open credits take the first IUV bases, the month of past payments the next ones.
    await tx.comuni.setNextIuv(comuneId, plan.credits.length + 1 + historyCount);
    for (const [channel, fees] of Object.entries(demoFees)) await tx.fees.set(comuneId, channel as Channel, fees);
    for (const service of demoServiceRows(comuneId)) await tx.services.insert(service);
    for (const [index, agent] of plan.agents.entries()) {
      await tx.agents.insert({ id: agent.id, comuneId, name: agent.name, taxCode: agent.taxCode, address: agent.address, lowBalanceThreshold: LOW_BALANCE_THRESHOLD, openingHours: agent.openingHours }, createdAt);
      // Each shop topped up, before its month of payments, what they and the first shop's payment of the day
      // before took, so that both floats now stand at `initialFloat`.
      const topUp = plan.initialFloat + (index === 0 ? pastFloatDebit : 0) + (plan.pastMonth ? historyFloatDebit(index === 0 ? 0 : 1) : 0);
      if (topUp > 0) {
        await post(tx, ctx.ids, 'top_up', agent.id, comuneId, [
          { account: accounts.institutionBank(), amount: topUp },
          { account: accounts.agentFloat(agent.id), amount: -topUp },
        ], new Date((plan.pastMonth ? historyStart(plan.at) : paidAt).getTime() - HOUR_MS));
      }
      const draft = { ...agent.key, hash: keyHashes.get(agent.key.id)! };
      const key = await insertKey(tx, ctx.ids, draft, { kind: 'terminal', agentId: agent.id, label: `Cassa ${index + 1}` }, createdAt);
      terminalIds.push(key.terminalId!);
    }
    for (const credit of plan.credits) await tx.credits.insert(credit);
    await tx.staffUsers.insert({ id: plan.staffUserId, comuneId, email: plan.credentials.staff.email, name: demoStaff.name, passwordHash, role: 'admin', disabledAt: null }, createdAt);
    const { id, secret, allowedOrigins } = plan.publishableKey;
    await insertKey(tx, ctx.ids, { id, secret, hash: keyHashes.get(id)! }, { kind: 'publishable', comuneId, allowedOrigins }, createdAt);

    const catalogue = (await ctx.catalogue.get(tx, comuneId))!;
    const terminals = plan.agents.map((agent, index) => ({ agentId: agent.id, agentName: agent.name, terminalId: terminalIds[index]! }));
    const history = plan.pastMonth ? await writeHistory(ctx, tx, catalogue, terminals, plan.at, plan.credits.length + 1) : [];
    const pastCredit = plan.credits.at(-1)!;
    const collector = { channel: 'agent' as const, ...terminals[0]! };
    const collected = await collectPayment({ ...ctx, ids: pastPaymentIds(ctx.ids) }, tx, catalogue, collector, pastCredit, demoPastPayment.paymentId, paidAt);
    return [...history, collected.transfer];
  });
  // Sent like any payment's, without holding up the start: a bank that is slow or down must not.
  for (const send of past) void ctx.dispatcher.sendCounted(send);
}

/** Seeds the demo on an empty store and returns its credentials. */
export async function seedDemo(ctx: EngineContext, options: DemoOptions): Promise<DemoCredentials> {
  const plan = planDemo(ctx.ids, ctx.clock.now(), options);
  await applyDemo(ctx, plan);
  return plan.credentials;
}
