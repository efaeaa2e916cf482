import { romeDate, romeDayBounds, type AdminAgentList, type AdminOverview } from '@pay-box/contract';
import type { EngineContext } from '../context.js';
import type { PaymentTotalsRow } from '../ports/live.js';
import { requireComuneRole, type StaffPrincipal } from '../staff/staff-principal.js';
import { STALE_TRANSFER_MS } from '../views/admin-payment-view.js';

/** Days of the overview's chart, today included. */
const CHART_DAYS = 30;

/** The last `count` days in Rome, oldest first, ending today. */
function lastDays(today: string, count: number): string[] {
  const days = [today];
  while (days.length < count) days.unshift(romeDate(new Date(romeDayBounds(days[0]!).from.getTime() - 1)));
  return days;
}

/** The Rome day of an hour of totals: Rome is a whole number of hours from UTC, so an hour falls in one day. */
const dayOf = (row: PaymentTotalsRow) => romeDate(new Date(`${row.hour}:00:00.000Z`));

interface Sum {
  count: number;
  amount: number;
  fees: number;
}
const add = (sum: Sum | undefined, row: Sum): Sum => ({ count: (sum?.count ?? 0) + row.count, amount: (sum?.amount ?? 0) + row.amount, fees: (sum?.fees ?? 0) + row.fees });
const zero: Sum = { count: 0, amount: 0, fees: 0 };

type DatedTotals = PaymentTotalsRow & { date: string };

function groupBy<K>(rows: DatedTotals[], key: (row: DatedTotals) => K): Map<K, Sum> {
  const groups = new Map<K, Sum>();
  for (const row of rows) groups.set(key(row), add(groups.get(key(row)), row));
  return groups;
}

/** The window the overview and the shops' totals need, and the totals in it by Rome day. */
async function totalsSince(ctx: EngineContext, comuneId: string, now: Date) {
  const today = romeDate(now);
  const days = lastDays(today, CHART_DAYS);
  const monthStart = `${today.slice(0, 7)}-01`;
  const from = [days[0]!, monthStart].sort()[0]!;
  const rows = (await ctx.store.read((tx) => tx.live.totals(comuneId, romeDayBounds(from).from.toISOString()))).map((row) => ({ ...row, date: dayOf(row) }));
  return { today, days, rows, month: rows.filter((row) => row.date >= monthStart), ofToday: rows.filter((row) => row.date === today) };
}

const countAmount = ({ count, amount }: Sum) => ({ count, amount });
const byAmount = <T extends { amount: number }>(a: T, b: T) => b.amount - a.amount;

/** Today's and this month's payments, by channel, service and shop, the last 30 days, and the transfers that need a look. */
export async function overview(ctx: EngineContext, principal: StaffPrincipal): Promise<AdminOverview> {
  const { comuneId } = requireComuneRole(principal, 'viewer');
  const now = ctx.clock.now();
  const { days, rows, month, ofToday } = await totalsSince(ctx, comuneId, now);
  const transfers = await ctx.store.read((tx) => tx.live.transferCounts(comuneId, new Date(now.getTime() - STALE_TRANSFER_MS).toISOString()));
  const daily = groupBy(rows, (row) => row.date);
  const services = new Map(month.map((row) => [row.serviceCode, row.serviceName]));
  const shops = new Map(month.flatMap((row) => (row.agentId === null ? [] : [[row.agentId, row.agentName ?? ''] as const])));
  return {
    today: ofToday.reduce(add, zero),
    month: month.reduce(add, zero),
    byChannel: [...groupBy(month, (row) => row.channel)].map(([channel, sum]) => ({ channel, ...countAmount(sum) })).sort(byAmount),
    byService: [...groupBy(month, (row) => row.serviceCode)].map(([serviceCode, sum]) => ({ serviceCode, serviceName: services.get(serviceCode)!, ...countAmount(sum) })).sort(byAmount),
    byShop: [...groupBy(month.filter((row) => row.agentId !== null), (row) => row.agentId!)].map(([agentId, sum]) => ({ agentId, agentName: shops.get(agentId)!, ...countAmount(sum) })).sort(byAmount),
    daily: days.map((date) => ({ date, ...countAmount(daily.get(date) ?? zero) })),
    transfers,
  };
}

/** The comune's shops with today's and this month's payments, and their latest. */
export async function listAgents(ctx: EngineContext, principal: StaffPrincipal): Promise<AdminAgentList> {
  const { comuneId } = requireComuneRole(principal, 'viewer');
  const now = ctx.clock.now();
  const { month, ofToday } = await totalsSince(ctx, comuneId, now);
  const [agents, latest] = await ctx.store.read(async (tx) => [await tx.agents.listByComune(comuneId), await tx.live.lastPaymentAtByAgent(comuneId)] as const);
  const monthly = groupBy(month, (row) => row.agentId);
  const daily = groupBy(ofToday, (row) => row.agentId);
  const last = new Map(latest.map((row) => [row.agentId, row.lastPaymentAt]));
  return {
    data: agents.map((agent) => ({
      id: agent.id,
      name: agent.name,
      address: agent.address,
      openingHours: agent.openingHours,
      today: countAmount(daily.get(agent.id) ?? zero),
      month: countAmount(monthly.get(agent.id) ?? zero),
      lastPaymentAt: last.get(agent.id) ?? null,
    })),
  };
}
