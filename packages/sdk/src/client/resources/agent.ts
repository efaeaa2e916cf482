import type { AgentBalance, AgentReport, PairingCode } from '@pay-box/contract';
import { isoDateProblem, rejectInvalid, textProblem } from '../argument-checks.js';
import type { Transport } from '../transport.js';

export interface AgentResource {
  /** The shop's float (what it can still collect), today's takings, and whether to top up. */
  balance(): Promise<AgentBalance>;
  /** The daily closing of one day in Europe/Rome (`YYYY-MM-DD`): counts, fees split, per service, opening and closing float. */
  report(query: { date: string }): Promise<AgentReport>;
  /** A one-time code (10 minutes) for another till of this shop, which exchanges it with `pairTerminal`. */
  createPairingCode(options?: { label?: string }): Promise<PairingCode>;
}

export function agentResource(transport: Transport): AgentResource {
  return {
    balance: () => transport.json<AgentBalance>({ operation: 'getAgentBalance', method: 'get', path: 'v1/agent/balance' }),
    async report(query) {
      rejectInvalid(transport.locale, [['date', isoDateProblem(query?.date)]]);
      return transport.json<AgentReport>({ operation: 'getAgentReport', method: 'get', path: 'v1/agent/report', searchParams: { date: query.date } });
    },
    async createPairingCode(options = {}) {
      if (options.label !== undefined) rejectInvalid(transport.locale, [['label', textProblem(options.label, { max: 100 })]]);
      return transport.json<PairingCode>({ operation: 'createAgentPairingCode', method: 'post', path: 'v1/agent/pairing-codes', body: { label: options.label ?? 'POS' } });
    },
  };
}
