import type { AmountRule, FieldDefinition } from '@pay-box/sdk/contract';
import type { Db } from '../database.js';
import { statementCache } from '../statements.js';

export interface ComuneRow {
  id: string;
  fiscalCode: string;
  name: string;
  treasuryIban: string;
  segregationCode: string;
}

export interface ServiceRow {
  id: string;
  comuneId: string;
  code: string;
  name: string;
  description: string;
  acceptsUnexpected: boolean;
  fields: FieldDefinition[] | null;
  amountRule: AmountRule | null;
}

export interface AgentRow {
  id: string;
  comuneId: string;
  name: string;
  taxCode: string;
  address: string;
  lowBalanceThreshold: number;
}

export interface FeeSchedule {
  citizenFee: number;
  agentShare: number;
}

export type Channel = 'agent' | 'web' | 'app';

interface RawService extends Omit<ServiceRow, 'acceptsUnexpected' | 'fields' | 'amountRule'> {
  acceptsUnexpected: number;
  fieldsJson: string | null;
  amountRuleJson: string | null;
}

const SERVICE_COLUMNS = `id, comune_id AS comuneId, code, name, description, accepts_unexpected AS acceptsUnexpected,
  fields_json AS fieldsJson, amount_rule_json AS amountRuleJson`;

function toService(raw: RawService | undefined): ServiceRow | undefined {
  if (!raw) return undefined;
  const { fieldsJson, amountRuleJson, acceptsUnexpected, ...rest } = raw;
  return {
    ...rest,
    acceptsUnexpected: acceptsUnexpected === 1,
    fields: fieldsJson ? (JSON.parse(fieldsJson) as FieldDefinition[]) : null,
    amountRule: amountRuleJson ? (JSON.parse(amountRuleJson) as AmountRule) : null,
  };
}

/** Comuni, their service catalogue, fee schedules and agents (shops): the tenants' set-up. */
export class TenantRepository {
  private readonly sql;

  constructor(db: Db) {
    this.sql = statementCache(db);
  }

  comune(id: string): ComuneRow | undefined {
    return this.sql(
      `SELECT id, fiscal_code AS fiscalCode, name, treasury_iban AS treasuryIban, segregation_code AS segregationCode FROM comuni WHERE id = ?`,
    ).get(id) as ComuneRow | undefined;
  }

  countComuni(): number {
    return this.sql('SELECT count(*) FROM comuni').pluck().get() as number;
  }

  insertComune(row: ComuneRow, createdAt: string): void {
    this.sql(
      `INSERT INTO comuni (id, fiscal_code, name, treasury_iban, segregation_code, created_at) VALUES (?, ?, ?, ?, ?, ?)`,
    ).run(row.id, row.fiscalCode, row.name, row.treasuryIban, row.segregationCode, createdAt);
  }

  /** Reserves the next 13-digit IUV base of a comune's notice numbers. */
  nextIuvBase(comuneId: string): string {
    const value = this.sql('UPDATE comuni SET next_iuv = next_iuv + 1 WHERE id = ? RETURNING next_iuv - 1').pluck().get(comuneId) as number;
    return String(value).padStart(13, '0');
  }

  services(comuneId: string): ServiceRow[] {
    return (this.sql(`SELECT ${SERVICE_COLUMNS} FROM services WHERE comune_id = ? ORDER BY code`).all(comuneId) as RawService[]).map(
      (raw) => toService(raw)!,
    );
  }

  serviceByCode(comuneId: string, code: string): ServiceRow | undefined {
    return toService(this.sql(`SELECT ${SERVICE_COLUMNS} FROM services WHERE comune_id = ? AND code = ?`).get(comuneId, code) as RawService | undefined);
  }

  serviceById(id: string): ServiceRow | undefined {
    return toService(this.sql(`SELECT ${SERVICE_COLUMNS} FROM services WHERE id = ?`).get(id) as RawService | undefined);
  }

  insertService(row: ServiceRow): void {
    this.sql(
      `INSERT INTO services (id, comune_id, code, name, description, accepts_unexpected, fields_json, amount_rule_json) VALUES (?, ?, ?, ?, ?, ?, ?, ?)`,
    ).run(
      row.id,
      row.comuneId,
      row.code,
      row.name,
      row.description,
      row.acceptsUnexpected ? 1 : 0,
      row.fields ? JSON.stringify(row.fields) : null,
      row.amountRule ? JSON.stringify(row.amountRule) : null,
    );
  }

  /** The fee of a channel; a comune without a schedule for it charges nothing. */
  fees(comuneId: string, channel: Channel): FeeSchedule {
    return (
      (this.sql(`SELECT citizen_fee AS citizenFee, agent_share AS agentShare FROM fee_schedules WHERE comune_id = ? AND channel = ?`).get(
        comuneId,
        channel,
      ) as FeeSchedule | undefined) ?? { citizenFee: 0, agentShare: 0 }
    );
  }

  setFees(comuneId: string, channel: Channel, fees: FeeSchedule): void {
    this.sql(
      `INSERT INTO fee_schedules (comune_id, channel, citizen_fee, agent_share) VALUES (?, ?, ?, ?)
       ON CONFLICT (comune_id, channel) DO UPDATE SET citizen_fee = excluded.citizen_fee, agent_share = excluded.agent_share`,
    ).run(comuneId, channel, fees.citizenFee, fees.agentShare);
  }

  agent(id: string): AgentRow | undefined {
    return this.sql(
      `SELECT id, comune_id AS comuneId, name, tax_code AS taxCode, address, low_balance_threshold AS lowBalanceThreshold FROM agents WHERE id = ?`,
    ).get(id) as AgentRow | undefined;
  }

  insertAgent(row: AgentRow, createdAt: string): void {
    this.sql(
      `INSERT INTO agents (id, comune_id, name, tax_code, address, low_balance_threshold, created_at) VALUES (?, ?, ?, ?, ?, ?, ?)`,
    ).run(row.id, row.comuneId, row.name, row.taxCode, row.address, row.lowBalanceThreshold, createdAt);
  }

  insertTerminal(row: { id: string; comuneId: string; agentId: string; label: string }, createdAt: string): void {
    this.sql(`INSERT INTO terminals (id, comune_id, agent_id, label, created_at) VALUES (?, ?, ?, ?, ?)`).run(
      row.id,
      row.comuneId,
      row.agentId,
      row.label,
      createdAt,
    );
  }

  terminal(id: string): { id: string; comuneId: string; agentId: string; label: string } | undefined {
    return this.sql(`SELECT id, comune_id AS comuneId, agent_id AS agentId, label FROM terminals WHERE id = ?`).get(id) as
      | { id: string; comuneId: string; agentId: string; label: string }
      | undefined;
  }

  insertStaffUser(row: { id: string; comuneId: string; email: string; passwordHash: string; role: 'viewer' | 'operator' | 'admin' }, createdAt: string): void {
    this.sql(`INSERT INTO staff_users (id, comune_id, email, password_hash, role, created_at) VALUES (?, ?, ?, ?, ?, ?)`).run(
      row.id,
      row.comuneId,
      row.email,
      row.passwordHash,
      row.role,
      createdAt,
    );
  }
}
