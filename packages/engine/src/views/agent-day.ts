import type { AgentBalance, AgentReport } from '@pay-box/contract';
import type { AgentPaymentLine } from '../ports/rows.js';

const sum = <T>(lines: T[], value: (line: T) => number) => lines.reduce((total, line) => total + value(line), 0);

/** The payment totals and the per-service lines of a shop's daily closing. */
export function summarizeAgentPayments(lines: AgentPaymentLine[]): Pick<AgentReport, 'payments' | 'byService'> {
  const byService = new Map<string, AgentReport['byService'][number]>();
  for (const line of lines) {
    const entry = byService.get(line.serviceCode) ?? { serviceCode: line.serviceCode, serviceName: line.serviceName, count: 0, amount: 0, fees: 0 };
    entry.count += 1;
    entry.amount += line.amount;
    entry.fees += line.citizenFee;
    byService.set(line.serviceCode, entry);
  }
  const amount = sum(lines, (line) => line.amount);
  const fees = sum(lines, (line) => line.citizenFee);
  return {
    payments: {
      count: lines.length,
      amount,
      fees,
      collected: amount + fees,
      agentFees: sum(lines, (line) => line.agentFeeShare),
      institutionFees: sum(lines, (line) => line.institutionFeeShare),
      floatDebited: sum(lines, (line) => line.floatDebited),
    },
    byService: [...byService.values()].sort((a, b) => a.serviceCode.localeCompare(b.serviceCode)),
  };
}

/** The shop's float as its till shows it: the balance, whether to top up, and today's takings. */
export function agentBalanceSummary(input: {
  agent: { id: string; name: string; lowBalanceThreshold: number };
  balance: number;
  /** Today in Europe/Rome, YYYY-MM-DD. */
  date: string;
  todaysPayments: Array<Pick<AgentPaymentLine, 'amount' | 'citizenFee' | 'floatDebited'>>;
  lastMovementAt: string | null;
}): AgentBalance {
  const { agent, balance, todaysPayments } = input;
  return {
    agentId: agent.id,
    agentName: agent.name,
    balance,
    currency: 'EUR',
    lowBalance: balance < agent.lowBalanceThreshold,
    lowBalanceThreshold: agent.lowBalanceThreshold,
    today: {
      date: input.date,
      payments: todaysPayments.length,
      collected: sum(todaysPayments, (p) => p.amount + p.citizenFee),
      floatDebited: sum(todaysPayments, (p) => p.floatDebited),
    },
    lastMovementAt: input.lastMovementAt,
  };
}
