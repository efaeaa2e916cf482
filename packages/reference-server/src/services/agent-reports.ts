import { agentBalanceSummary, romeDate, romeDayBounds, summarizeAgentPayments, type AgentBalance, type AgentReport } from '@pay-box/sdk/contract';
import { accountId, accounts } from '../ledger/ledger.js';
import type { ServiceContext } from './context.js';
import type { TerminalPrincipal } from './principal.js';

/** The shop's float and today's takings. */
export function agentBalance(ctx: ServiceContext, principal: TerminalPrincipal): AgentBalance {
  const agent = ctx.repos.tenants.agent(principal.agentId)!;
  const date = romeDate(ctx.clock.now());
  const { from, to } = romeDayBounds(date);
  return agentBalanceSummary({
    agent,
    balance: ctx.ledger.floatBalance(agent.id),
    date,
    todaysPayments: ctx.repos.payments.forAgentBetween(agent.id, from.toISOString(), to.toISOString()),
    lastMovementAt: ctx.repos.ledger.lastPostingAt(accountId(accounts.agentFloat(agent.id))),
  });
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
