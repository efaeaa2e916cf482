import { amountRuleSchema, fieldDefinitionSchema, openingHoursSchema, supportContactsSchema } from '@pay-box/contract';
import type { AgentRepository, AgentRow, ComuneProfile, ComuneRepository, FeeRepository, ServiceRepository, TerminalRepository } from '@pay-box/engine';
import { sql } from 'kysely';
import { z } from 'zod';
import { jsonText, sqlQuery, type SqlExecutor } from '../prepared.js';

const comuneById = sqlQuery('comune_by_id', (db, p: { id: string }) =>
  db
    .selectFrom('comuni')
    .select(['id', 'fiscal_code as fiscalCode', 'name', 'treasury_iban as treasuryIban', 'segregation_code as segregationCode'])
    .where('id', '=', p.id),
);
const countComuni = sqlQuery('count_comuni', (db) => db.selectFrom('comuni').select((eb) => eb.fn.countAll<number>().as('count')));
const insertComune = sqlQuery(
  'insert_comune',
  (db, p: { id: string; fiscalCode: string; name: string; treasuryIban: string; segregationCode: string; createdAt: string }) =>
    db.insertInto('comuni').values({
      id: p.id,
      fiscal_code: p.fiscalCode,
      name: p.name,
      treasury_iban: p.treasuryIban,
      segregation_code: p.segregationCode,
      created_at: p.createdAt,
    }),
);
/** Takes `count` IUV bases of a comune at once; returns the first. */
export const takeIuvs = sqlQuery('take_iuvs', (db, p: { id: string; count: number }) =>
  db
    .updateTable('comuni')
    .set({ next_iuv: sql`next_iuv + ${p.count}` })
    .where('id', '=', p.id)
    .returning(sql<number>`next_iuv - ${p.count}`.as('first')),
);
const setNextIuv = sqlQuery('set_next_iuv', (db, p: { id: string; next: number }) => db.updateTable('comuni').set({ next_iuv: p.next }).where('id', '=', p.id));
const catalogueVersion = sqlQuery('catalogue_version', (db, p: { id: string }) => db.selectFrom('comuni').select('catalogue_version as version').where('id', '=', p.id));
const profileColumns = ['id', 'fiscal_code as fiscalCode', 'name', 'treasury_iban as treasuryIban', 'segregation_code as segregationCode', 'support_contacts_json as supportContactsJson', 'created_at as createdAt'] as const;
const comuneProfiles = sqlQuery('comune_profiles', (db) => db.selectFrom('comuni').select(profileColumns).orderBy('name'));
const comuneProfileById = sqlQuery('comune_profile_by_id', (db, p: { id: string }) => db.selectFrom('comuni').select(profileColumns).where('id', '=', p.id));
const setSupportContacts = sqlQuery('set_comune_support_contacts', (db, p: { id: string; json: string }) => db.updateTable('comuni').set({ support_contacts_json: p.json }).where('id', '=', p.id));
const setTreasuryIban = sqlQuery('set_comune_treasury_iban', (db, p: { id: string; iban: string }) => db.updateTable('comuni').set({ treasury_iban: p.iban }).where('id', '=', p.id));
const profile = ({ supportContactsJson, ...row }: Omit<ComuneProfile, 'supportContacts'> & { supportContactsJson: string }): ComuneProfile => ({
  ...row,
  supportContacts: supportContactsSchema.parse(JSON.parse(supportContactsJson)),
});

/** `count` consecutive 13-digit IUV bases from `first`. */
export const iuvBases = (first: number, count: number): string[] => Array.from({ length: count }, (_, index) => String(first + index).padStart(13, '0'));

export function comuneRepository(exec: SqlExecutor): ComuneRepository {
  return {
    get: async (id) => exec.first(comuneById, { id }),
    count: async () => Number((await exec.first(countComuni, {}))!.count),
    insert: async (row, createdAt) => void (await exec.run(insertComune, { ...row, createdAt })),
    nextIuvBase: async (id) => String((await exec.first(takeIuvs, { id, count: 1 }))!.first).padStart(13, '0'),
    nextIuvBases: async (id, count) => iuvBases((await exec.first(takeIuvs, { id, count }))!.first, count),
    setNextIuv: async (id, next) => void (await exec.run(setNextIuv, { id, next })),
    catalogueVersion: async (id) => (await exec.first(catalogueVersion, { id }))?.version,
    list: async () => (await exec.all(comuneProfiles, {})).map(profile),
    profile: async (id) => {
      const row = await exec.first(comuneProfileById, { id });
      return row && profile(row);
    },
    setSupportContacts: async (id, contacts) => void (await exec.run(setSupportContacts, { id, json: jsonText(contacts) })),
    setTreasuryIban: async (id, iban) => void (await exec.run(setTreasuryIban, { id, iban })),
  };
}

const servicesOf = sqlQuery('services_of_comune', (db, p: { comuneId: string }) =>
  db
    .selectFrom('services')
    .select(['id', 'comune_id as comuneId', 'code', 'name', 'description', 'accepts_unexpected as acceptsUnexpected', 'fields_json as fieldsJson', 'amount_rule_json as amountRuleJson', 'connector_id as connectorId'])
    .where('comune_id', '=', p.comuneId)
    .orderBy('code'),
);
const insertService = sqlQuery(
  'insert_service',
  (db, p: { id: string; comuneId: string; code: string; name: string; description: string; acceptsUnexpected: number; fieldsJson: string | null; amountRuleJson: string | null }) =>
    db.insertInto('services').values({
      id: p.id,
      comune_id: p.comuneId,
      code: p.code,
      name: p.name,
      description: p.description,
      accepts_unexpected: p.acceptsUnexpected,
      fields_json: p.fieldsJson,
      amount_rule_json: p.amountRuleJson,
    }),
);
const fieldList = z.array(fieldDefinitionSchema);

export function serviceRepository(exec: SqlExecutor): ServiceRepository {
  return {
    list: async (comuneId) =>
      (await exec.all(servicesOf, { comuneId })).map(({ fieldsJson, amountRuleJson, acceptsUnexpected, ...service }) => ({
        ...service,
        acceptsUnexpected: acceptsUnexpected === 1,
        fields: fieldsJson === null ? null : fieldList.parse(JSON.parse(fieldsJson)),
        amountRule: amountRuleJson === null ? null : amountRuleSchema.parse(JSON.parse(amountRuleJson)),
      })),
    insert: async (row) =>
      void (await exec.run(insertService, {
        ...row,
        acceptsUnexpected: row.acceptsUnexpected ? 1 : 0,
        fieldsJson: row.fields === null ? null : jsonText(row.fields),
        amountRuleJson: row.amountRule === null ? null : jsonText(row.amountRule),
      })),
  };
}

const feesOf = sqlQuery('fees_of_comune', (db, p: { comuneId: string }) =>
  db.selectFrom('fee_schedules').select(['channel', 'citizen_fee as citizenFee', 'agent_share as agentShare']).where('comune_id', '=', p.comuneId),
);
const setFees = sqlQuery('set_fees', (db, p: { comuneId: string; channel: 'agent' | 'web' | 'app'; citizenFee: number; agentShare: number }) =>
  db
    .insertInto('fee_schedules')
    .values({ comune_id: p.comuneId, channel: p.channel, citizen_fee: p.citizenFee, agent_share: p.agentShare })
    .onConflict((conflict) => conflict.columns(['comune_id', 'channel']).doUpdateSet({ citizen_fee: p.citizenFee, agent_share: p.agentShare })),
);

export function feeRepository(exec: SqlExecutor): FeeRepository {
  return {
    list: async (comuneId) => exec.all(feesOf, { comuneId }),
    set: async (comuneId, channel, fees) => void (await exec.run(setFees, { comuneId, channel, ...fees })),
  };
}

const agentColumns = ['id', 'comune_id as comuneId', 'name', 'tax_code as taxCode', 'address', 'low_balance_threshold as lowBalanceThreshold', 'opening_hours_json as openingHoursJson'] as const;
const agentById = sqlQuery('agent_by_id', (db, p: { id: string }) => db.selectFrom('agents').select(agentColumns).where('id', '=', p.id));
const agentsOfComune = sqlQuery('agents_of_comune', (db, p: { comuneId: string }) => db.selectFrom('agents').select(agentColumns).where('comune_id', '=', p.comuneId).orderBy('name'));
const insertAgent = sqlQuery(
  'insert_agent',
  (db, p: Omit<AgentRow, 'openingHours'> & { openingHoursJson: string; createdAt: string }) =>
    db.insertInto('agents').values({
      id: p.id,
      comune_id: p.comuneId,
      name: p.name,
      tax_code: p.taxCode,
      address: p.address,
      low_balance_threshold: p.lowBalanceThreshold,
      opening_hours_json: p.openingHoursJson,
      created_at: p.createdAt,
    }),
);

const agentStatus = sqlQuery('agent_status', (db, p: { id: string }) => db.selectFrom('agents').select(['created_at as createdAt', 'suspended_at as suspendedAt']).where('id', '=', p.id));
const setAgentSuspended = sqlQuery('set_agent_suspended', (db, p: { id: string; suspendedAt: string | null }) => db.updateTable('agents').set({ suspended_at: p.suspendedAt }).where('id', '=', p.id));

const agentRow = ({ openingHoursJson, ...row }: Omit<AgentRow, 'openingHours'> & { openingHoursJson: string }): AgentRow => ({
  ...row,
  openingHours: openingHoursSchema.parse(JSON.parse(openingHoursJson)),
});

export function agentRepository(exec: SqlExecutor): AgentRepository {
  return {
    get: async (id) => {
      const row = await exec.first(agentById, { id });
      return row && agentRow(row);
    },
    listByComune: async (comuneId) => (await exec.all(agentsOfComune, { comuneId })).map(agentRow),
    insert: async ({ openingHours, ...row }, createdAt) => void (await exec.run(insertAgent, { ...row, openingHoursJson: jsonText(openingHours), createdAt })),
    status: async (id) => exec.first(agentStatus, { id }),
    setSuspended: async (id, suspendedAt) => void (await exec.run(setAgentSuspended, { id, suspendedAt })),
  };
}

const insertTerminal = sqlQuery('insert_terminal', (db, p: { id: string; comuneId: string; agentId: string; label: string; createdAt: string }) =>
  db.insertInto('terminals').values({ id: p.id, comune_id: p.comuneId, agent_id: p.agentId, label: p.label, created_at: p.createdAt }),
);

const terminalById = sqlQuery('terminal_by_id', (db, p: { id: string }) => db.selectFrom('terminals').select(['id', 'comune_id as comuneId', 'agent_id as agentId', 'label']).where('id', '=', p.id));
const terminalsOfAgent = sqlQuery('terminals_of_agent', (db, p: { agentId: string }) =>
  db
    .selectFrom('terminals')
    .leftJoin('api_keys', 'api_keys.terminal_id', 'terminals.id')
    .select([
      'terminals.id as id',
      'terminals.agent_id as agentId',
      'terminals.label as label',
      'terminals.created_at as createdAt',
      'api_keys.id as keyId',
      'api_keys.key_prefix as keyPrefix',
      'api_keys.revoked_at as revokedAt',
    ])
    .where('terminals.agent_id', '=', p.agentId)
    .orderBy('terminals.created_at'),
);

export function terminalRepository(exec: SqlExecutor): TerminalRepository {
  return {
    insert: async (row, createdAt) => void (await exec.run(insertTerminal, { ...row, createdAt })),
    get: async (id) => exec.first(terminalById, { id }),
    listByAgent: async (agentId) => exec.all(terminalsOfAgent, { agentId }),
  };
}

