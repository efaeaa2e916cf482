import { settingChangeSchema } from '@pay-box/contract';
import type { SettingChangeRepository, SettingChangeRow, TerminalPairingRepository, TerminalPairingRow } from '@pay-box/engine';
import type { SelectQueryBuilder } from 'kysely';
import { jsonText, sqlQuery, type SqlExecutor } from '../prepared.js';
import type { Database } from '../schema.js';

const pairingColumns = [
  'code_hash as codeHash',
  'comune_id as comuneId',
  'agent_id as agentId',
  'label',
  'created_by as createdBy',
  'created_at as createdAt',
  'expires_at as expiresAt',
  'used_at as usedAt',
  'terminal_id as terminalId',
] as const;
const pairingByHash = sqlQuery('terminal_pairing_by_hash', (db, p: { codeHash: string }) => db.selectFrom('terminal_pairings').select(pairingColumns).where('code_hash', '=', p.codeHash));
const lockedPairingByHash = sqlQuery('terminal_pairing_by_hash_locked', (db, p: { codeHash: string }, dialect) => {
  const query = db.selectFrom('terminal_pairings').select(pairingColumns).where('code_hash', '=', p.codeHash);
  return dialect === 'postgres' ? query.forUpdate() : query;
});
const insertPairing = sqlQuery('insert_terminal_pairing', (db, p: TerminalPairingRow) =>
  db.insertInto('terminal_pairings').values({
    code_hash: p.codeHash,
    comune_id: p.comuneId,
    agent_id: p.agentId,
    label: p.label,
    created_by: p.createdBy,
    created_at: p.createdAt,
    expires_at: p.expiresAt,
    used_at: p.usedAt,
    terminal_id: p.terminalId,
  }),
);
const markPairingUsed = sqlQuery('mark_terminal_pairing_used', (db, p: { codeHash: string; terminalId: string; usedAt: string }) =>
  db.updateTable('terminal_pairings').set({ used_at: p.usedAt, terminal_id: p.terminalId }).where('code_hash', '=', p.codeHash).where('used_at', 'is', null),
);

export function terminalPairingRepository(exec: SqlExecutor): TerminalPairingRepository {
  return {
    insert: async (row) => void (await exec.run(insertPairing, row)),
    byCodeHash: async (codeHash, options = {}) => exec.first(options.lock ? lockedPairingByHash : pairingByHash, { codeHash }),
    markUsed: async (codeHash, terminalId, usedAt) => (await exec.run(markPairingUsed, { codeHash, terminalId, usedAt })) === 1,
  };
}

const changeColumns = (query: SelectQueryBuilder<Database, 'setting_changes', object>) =>
  query.select([
    'id',
    'comune_id as comuneId',
    'change_json as changeJson',
    'effective_at as effectiveAt',
    'reason',
    'status',
    'requested_by as requestedBy',
    'requested_at as requestedAt',
    'approved_by as approvedBy',
    'approved_at as approvedAt',
    'applied_at as appliedAt',
  ]);
const changeById = sqlQuery('setting_change_by_id', (db, p: { id: string }) => changeColumns(db.selectFrom('setting_changes')).where('id', '=', p.id));
const lockedChangeById = sqlQuery('setting_change_by_id_locked', (db, p: { id: string }, dialect) => {
  const query = changeColumns(db.selectFrom('setting_changes')).where('id', '=', p.id);
  return dialect === 'postgres' ? query.forUpdate() : query;
});
const changesOfComune = sqlQuery('setting_changes_of_comune', (db, p: { comuneId: string }) =>
  changeColumns(db.selectFrom('setting_changes')).where('comune_id', '=', p.comuneId).orderBy('requested_at', 'desc'),
);
const allChanges = sqlQuery('setting_changes', (db) => changeColumns(db.selectFrom('setting_changes')).orderBy('requested_at', 'desc'));
const dueChanges = sqlQuery('setting_changes_due', (db, p: { now: string }) =>
  changeColumns(db.selectFrom('setting_changes')).where('status', '=', 'approved').where('effective_at', '<=', p.now).orderBy('effective_at'),
);
const insertChange = sqlQuery('insert_setting_change', (db, p: Omit<SettingChangeRow, 'change'> & { changeJson: string }) =>
  db.insertInto('setting_changes').values({
    id: p.id,
    comune_id: p.comuneId,
    change_json: p.changeJson,
    effective_at: p.effectiveAt,
    reason: p.reason,
    status: p.status,
    requested_by: p.requestedBy,
    requested_at: p.requestedAt,
    approved_by: p.approvedBy,
    approved_at: p.approvedAt,
    applied_at: p.appliedAt,
  }),
);
const updateChange = sqlQuery('update_setting_change', (db, p: Pick<SettingChangeRow, 'id' | 'status' | 'approvedBy' | 'approvedAt' | 'appliedAt'>) =>
  db.updateTable('setting_changes').set({ status: p.status, approved_by: p.approvedBy, approved_at: p.approvedAt, applied_at: p.appliedAt }).where('id', '=', p.id),
);

const toChange = ({ changeJson, ...row }: Omit<SettingChangeRow, 'change'> & { changeJson: string }): SettingChangeRow => ({
  ...row,
  change: settingChangeSchema.parse(JSON.parse(changeJson)),
});

export function settingChangeRepository(exec: SqlExecutor): SettingChangeRepository {
  return {
    insert: async ({ change, ...row }) => void (await exec.run(insertChange, { ...row, changeJson: jsonText(change) })),
    get: async (id, options = {}) => {
      const row = await exec.first(options.lock ? lockedChangeById : changeById, { id });
      return row && toChange(row);
    },
    list: async (comuneId) => (await (comuneId === null ? exec.all(allChanges, {}) : exec.all(changesOfComune, { comuneId }))).map(toChange),
    update: async ({ id, status, approvedBy, approvedAt, appliedAt }) => void (await exec.run(updateChange, { id, status, approvedBy, approvedAt, appliedAt })),
    due: async (now) => (await exec.all(dueChanges, { now })).map(toChange),
  };
}
