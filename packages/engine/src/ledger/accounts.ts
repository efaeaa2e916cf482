import type { AccountKind } from '../ports/rows.js';

/** An account of the payment institution's books. */
export interface AccountRef {
  kind: AccountKind;
  comuneId?: string;
  agentId?: string;
}

export const accounts = {
  /** Liability: what the institution owes the shop; each payment draws it down. */
  agentFloat: (agentId: string): AccountRef => ({ kind: 'agent_float', agentId }),
  /** Liability: collected for a comune and not yet transferred. */
  comunePayable: (comuneId: string): AccountRef => ({ kind: 'comune_payable', comuneId }),
  feeRevenue: (): AccountRef => ({ kind: 'fee_revenue' }),
  /** Asset: the institution's own bank account. */
  institutionBank: (): AccountRef => ({ kind: 'institution_bank' }),
  /** Asset: card charges the acquirer owes the institution until it pays them out. */
  acquirerReceivable: (): AccountRef => ({ kind: 'acquirer_receivable' }),
};

export function accountId(ref: AccountRef): string {
  return [ref.kind, ref.comuneId ?? ref.agentId].filter(Boolean).join(':');
}
