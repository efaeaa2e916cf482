import { romeDate, romeDayBounds, type AgentBalance, type AgentReport } from '@pay-box/contract';
import type { TerminalPrincipal } from '../auth/principal.js';
import type { EngineContext } from '../context.js';
import { accountId, accounts } from '../ledger/accounts.js';
import { floatBalance, floatBalanceBefore } from '../ledger/ledger.js';
import { agentBalanceSummary, summarizeAgentPayments } from '../views/agent-day.js';

/** The shop's float and today's takings. */
export function agentBalance(ctx: EngineContext, principal: TerminalPrincipal): Promise<AgentBalance> {
  return ctx.store.read(async (tx) => {
    const agent = (await tx.agents.get(principal.agentId))!;
    const date = romeDate(ctx.clock.now());
    const { from, to } = romeDayBounds(date);
    return agentBalanceSummary({
      agent,
      balance: await floatBalance(tx, agent.id),
      date,
      todaysPayments: await tx.payments.forAgentBetween(agent.id, from.toISOString(), to.toISOString()),
      lastMovementAt: await tx.ledger.lastPostingAt(accountId(accounts.agentFloat(agent.id))),
    });
  });
}

/** The shop's daily closing for a day in Rome. */
export function agentReport(ctx: EngineContext, principal: TerminalPrincipal, date: string): Promise<AgentReport> {
  return ctx.store.read(async (tx) => {
    const agent = (await tx.agents.get(principal.agentId))!;
    const { from, to } = romeDayBounds(date);
    const payments = await tx.payments.forAgentBetween(agent.id, from.toISOString(), to.toISOString());
    return {
      agentId: agent.id,
      agentName: agent.name,
      date,
      timeZone: 'Europe/Rome',
      ...summarizeAgentPayments(payments),
      topUps: await tx.ledger.topUpsBetween(accountId(accounts.agentFloat(agent.id)), from.toISOString(), to.toISOString()),
      openingBalance: await floatBalanceBefore(tx, agent.id, from),
      closingBalance: await floatBalanceBefore(tx, agent.id, to),
    };
  });
}
