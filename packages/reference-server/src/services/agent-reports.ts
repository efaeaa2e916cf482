import { romeDate, romeDayBounds } from '@pay-box/sdk/contract';
import { summarizeAgentPayments, type AgentBalance, type AgentReport } from '@pay-box/sdk/contract';
import { accountId, accounts } from '../ledger/ledger.js';
import type { ServiceContext } from './context.js';
import type { TerminalPrincipal } from './principal.js';

/** The shop's float and today's takings. */
export function agentBalance(ctx: ServiceContext, principal: TerminalPrincipal): AgentBalance {
  const agent = ctx.repos.tenants.agent(principal.agentId)!;
  const balance = ctx.ledger.floatBalance(agent.id);
  const today = romeDate(ctx.clock.now());
  const { from, to } = romeDayBounds(today);
  const payments = ctx.repos.payments.forAgentBetween(agent.id, from.toISOString(), to.toISOString());
  return {
    agentId: agent.id,
    agentName: agent.name,
    balance,
    currency: 'EUR',
    lowBalance: balance < agent.lowBalanceThreshold,
    lowBalanceThreshold: agent.lowBalanceThreshold,
    today: {
      date: today,
      payments: payments.length,
      collected: sum(payments, (p) => p.amount + p.citizenFee),
      floatDebited: sum(payments, (p) => p.floatDebited),
    },
    lastMovementAt: ctx.repos.ledger.lastPostingAt(accountId(accounts.agentFloat(agent.id))),
  };
}

/** The shop's daily closing for a day in Rome. */
export function agentReport(ctx: ServiceContext, principal: TerminalPrincipal, date: string): AgentReport {
  const agent = ctx.repos.tenants.agent(principal.agentId)!;
  const { from, to } = romeDayBounds(date);
  const payments = ctx.repos.payments.forAgentBetween(agent.id, from.toISOString(), to.toISOString());
  return {
    agentId: agent.id,
    agentName: agent.name,
    date,
    timeZone: 'Europe/Rome',
    ...summarizeAgentPayments(payments),
    topUps: ctx.repos.ledger.topUpsBetween(accountId(accounts.agentFloat(agent.id)), from.toISOString(), to.toISOString()),
    openingBalance: ctx.ledger.floatBalanceBefore(agent.id, from),
    closingBalance: ctx.ledger.floatBalanceBefore(agent.id, to),
  };
}

function sum<T>(items: T[], value: (item: T) => number): number {
  return items.reduce((total, item) => total + value(item), 0);
}
