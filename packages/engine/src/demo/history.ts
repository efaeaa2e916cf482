import { makeNoticeNumber, romeDate, romeDayBounds } from '@pay-box/contract';
import type { ComuneCatalogue } from '../catalogue/catalogue.js';
import type { EngineContext } from '../context.js';
import { collectPayment, type Collector } from '../payments/collect-payment.js';
import type { CreditRow } from '../ports/rows.js';
import type { UnitOfWork } from '../ports/store.js';
import type { CountedSend } from '../transfers/dispatcher.js';
import { demoComune, demoDebtors, demoFees, demoServiceId } from './data.js';

/** Days of past payments before the demo's day before: the overview's month and chart are not empty. */
export const DEMO_HISTORY_DAYS = 29;
/** Payments a day: few, so that seeding stays quick (it runs in many tests; on PostgreSQL each payment adds ~15 ms). */
export const DEMO_HISTORY_PER_DAY = 2;
export const DEMO_HISTORY_PAYMENTS = DEMO_HISTORY_DAYS * DEMO_HISTORY_PER_DAY;

const DAY_MS = 86_400_000;
const HOUR_MS = 3_600_000;

/** Who paid what, where: the first shop, the second, or a card on the comune's site. */
type Where = { shop: 0 | 1 } | { web: true };

export interface HistoricPayment {
  /** Days before the demo's day, 2 or more: the day before belongs to the demo's own past payment. */
  daysAgo: number;
  /** Minutes after 08:00 in Rome. */
  minute: number;
  serviceCode: 'TARI' | 'MENSA' | 'MULTA';
  debtorIndex: number;
  amount: number;
  where: Where;
}

/** A fixed sequence of numbers in [0, 1): the same history on every demo (Park-Miller). */
function sequence(seed: number): () => number {
  let state = seed;
  return () => (state = (state * 16_807) % 2_147_483_647) / 2_147_483_647;
}

const amounts = { TARI: [6_000, 40_000], MENSA: [3_000, 8_000], MULTA: [2_900, 17_300] } as const;
const services = ['TARI', 'MENSA', 'MULTA', 'TARI', 'MENSA'] as const;
const places: Where[] = [{ shop: 0 }, { shop: 1 }, { web: true }, { shop: 0 }];

/** The demo's month of past payments: every shop and the web, several services, the same every time. */
export const demoHistory: HistoricPayment[] = (() => {
  const next = sequence(20_261_130);
  const history: HistoricPayment[] = [];
  for (let day = DEMO_HISTORY_DAYS + 1; day >= 2; day--) {
    for (let slot = 0; slot < DEMO_HISTORY_PER_DAY; slot++) {
      const serviceCode = services[Math.floor(next() * services.length)]!;
      const [low, high] = amounts[serviceCode];
      history.push({
        daysAgo: day,
        minute: slot * 270 + Math.floor(next() * 250),
        serviceCode,
        debtorIndex: Math.floor(next() * demoDebtors.length),
        amount: Math.round((low + next() * (high - low)) / 10) * 10,
        where: places[Math.floor(next() * places.length)]!,
      });
    }
  }
  return history;
})();

/** What the history takes from each shop's float: the demo tops it up by as much first. */
export const historyFloatDebit = (shop: 0 | 1): number =>
  demoHistory.filter((payment) => 'shop' in payment.where && payment.where.shop === shop).reduce((sum, payment) => sum + payment.amount + demoFees.agent.citizenFee - demoFees.agent.agentShare, 0);

/** When the history starts: its shops' top-ups are dated before it. */
export const historyStart = (at: Date): Date => new Date(romeDayBounds(romeDate(new Date(at.getTime() - (DEMO_HISTORY_DAYS + 1) * DAY_MS))).from.getTime() + HOUR_MS);

/**
 * Writes the history through the payment path itself (credit closed, ledger posted, receipt, transfer
 * queued), each payment at its past instant, in the unit of work of the demo: its transfers then
 * leave like any other's and settle at the sandbox bank with their CRO/TRN. Their IUV bases are the
 * `DEMO_HISTORY_PAYMENTS` from `firstIuv` on, reserved by the caller (a shared store numbers a
 * comune only once it is committed).
 */
export async function writeHistory(
  ctx: EngineContext,
  tx: UnitOfWork,
  catalogue: ComuneCatalogue,
  terminals: Array<{ agentId: string; agentName: string; terminalId: string }>,
  at: Date,
  firstIuv: number,
): Promise<CountedSend[]> {
  const sends: CountedSend[] = [];
  for (const [index, past] of demoHistory.entries()) {
    const day = romeDate(new Date(at.getTime() - past.daysAgo * DAY_MS));
    const paidAt = new Date(romeDayBounds(day).from.getTime() + 8 * HOUR_MS + past.minute * 60_000);
    const service = catalogue.serviceByCode(past.serviceCode)!;
    const debtor = demoDebtors[past.debtorIndex]!;
    const noticeNumber = makeNoticeNumber(demoComune.segregationCode, String(firstIuv + index).padStart(13, '0'));
    const publicDescription = `${service.name} ${day.slice(0, 7)}`;
    const credit: CreditRow = {
      id: ctx.ids.id('crd'),
      comuneId: demoComune.id,
      serviceId: demoServiceId(past.serviceCode),
      noticeNumber,
      iuv: noticeNumber.slice(1),
      debtorType: debtor.type,
      debtorTaxCode: debtor.taxCode,
      debtorName: debtor.name,
      description: `${publicDescription} - ${debtor.name}`,
      publicDescription,
      amount: past.amount,
      dueDate: day,
      status: 'open',
      unexpected: false,
      fields: null,
      createdAt: new Date(paidAt.getTime() - 30 * DAY_MS).toISOString(),
      paidAt: null,
    };
    await tx.credits.insert(credit);
    const collector: Collector = 'shop' in past.where ? { channel: 'agent', ...terminals[past.where.shop]! } : { channel: 'web', citizenFee: demoFees.web.citizenFee };
    sends.push((await collectPayment(ctx, tx, catalogue, collector, credit, ctx.ids.id('pay'), paidAt)).transfer);
  }
  return sends;
}
