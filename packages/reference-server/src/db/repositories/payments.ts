import type { AgentPaymentLine } from '@pay-box/sdk/contract';
import type { Db } from '../database.js';
import { statementCache } from '../statements.js';
import type { Channel } from './tenants.js';

export interface PaymentRow {
  id: string;
  comuneId: string;
  creditId: string;
  channel: Channel;
  agentId: string | null;
  terminalId: string | null;
  amount: number;
  citizenFee: number;
  agentFeeShare: number;
  institutionFeeShare: number;
  floatDebited: number;
  ledgerTransactionId: string;
  createdAt: string;
}

const COLUMNS = `id, comune_id AS comuneId, credit_id AS creditId, channel, agent_id AS agentId, terminal_id AS terminalId, amount,
  citizen_fee AS citizenFee, agent_fee_share AS agentFeeShare, institution_fee_share AS institutionFeeShare,
  float_debited AS floatDebited, ledger_transaction_id AS ledgerTransactionId, created_at AS createdAt`;


export class PaymentRepository {
  private readonly sql;

  constructor(db: Db) {
    this.sql = statementCache(db);
  }

  get(id: string): PaymentRow | undefined {
    return this.sql(`SELECT ${COLUMNS} FROM payments WHERE id = ?`).get(id) as PaymentRow | undefined;
  }

  byCredit(creditId: string): PaymentRow | undefined {
    return this.sql(`SELECT ${COLUMNS} FROM payments WHERE credit_id = ?`).get(creditId) as PaymentRow | undefined;
  }

  insert(row: PaymentRow): void {
    this.sql(
      `INSERT INTO payments (id, comune_id, credit_id, channel, agent_id, terminal_id, amount, citizen_fee, agent_fee_share,
         institution_fee_share, float_debited, ledger_transaction_id, created_at)
       VALUES (?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?)`,
    ).run(
      row.id,
      row.comuneId,
      row.creditId,
      row.channel,
      row.agentId,
      row.terminalId,
      row.amount,
      row.citizenFee,
      row.agentFeeShare,
      row.institutionFeeShare,
      row.floatDebited,
      row.ledgerTransactionId,
      row.createdAt,
    );
  }

  /** An agent's payments in [from, to), with their service: the daily closing's input. */
  forAgentBetween(agentId: string, from: string, to: string): AgentPaymentLine[] {
    return this.sql(
      `SELECT s.code AS serviceCode, s.name AS serviceName, p.amount, p.citizen_fee AS citizenFee, p.agent_fee_share AS agentFeeShare,
         p.institution_fee_share AS institutionFeeShare, p.float_debited AS floatDebited
       FROM payments p JOIN credits c ON c.id = p.credit_id JOIN services s ON s.id = c.service_id
       WHERE p.agent_id = ? AND p.created_at >= ? AND p.created_at < ?
       ORDER BY p.created_at`,
    ).all(agentId, from, to) as AgentPaymentLine[];
  }

  count(): number {
    return this.sql('SELECT count(*) FROM payments').pluck().get() as number;
  }
}
