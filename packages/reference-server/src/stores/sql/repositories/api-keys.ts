import type { ApiKeyRepository, ApiKeyRow } from '@pay-box/engine';
import { z } from 'zod';
import { jsonText, sqlQuery, type SqlExecutor } from '../prepared.js';
import type { Database } from '../schema.js';
import type { SelectQueryBuilder } from 'kysely';

const keyColumns = (query: SelectQueryBuilder<Database, 'api_keys', object>) =>
  query.select([
    'id',
    'kind',
    'comune_id as comuneId',
    'agent_id as agentId',
    'terminal_id as terminalId',
    'key_prefix as keyPrefix',
    'allowed_origins_json as allowedOriginsJson',
    'created_at as createdAt',
    'revoked_at as revokedAt',
  ]);

/** With the suspension of the key's shop, if any: a suspended shop's terminals are refused at once. */
const byHash = sqlQuery('api_key_by_hash', (db, p: { keyHash: string }) =>
  db
    .selectFrom('api_keys')
    .leftJoin('agents', 'agents.id', 'api_keys.agent_id')
    .select([
      'api_keys.id as id',
      'api_keys.kind as kind',
      'api_keys.comune_id as comuneId',
      'api_keys.agent_id as agentId',
      'api_keys.terminal_id as terminalId',
      'api_keys.key_prefix as keyPrefix',
      'api_keys.allowed_origins_json as allowedOriginsJson',
      'api_keys.created_at as createdAt',
      'api_keys.revoked_at as revokedAt',
      'agents.name as agentName',
      'agents.suspended_at as agentSuspendedAt',
    ])
    .where('api_keys.key_hash', '=', p.keyHash),
);
const all = sqlQuery('api_keys', (db) => keyColumns(db.selectFrom('api_keys')).orderBy('created_at'));
const ofComune = sqlQuery('api_keys_of_comune', (db, p: { comuneId: string }) => keyColumns(db.selectFrom('api_keys')).where('comune_id', '=', p.comuneId).orderBy('created_at'));
const insert = sqlQuery(
  'insert_api_key',
  (
    db,
    p: { id: string; kind: 'publishable' | 'terminal'; comuneId: string; agentId: string | null; terminalId: string | null; keyHash: string; keyPrefix: string; allowedOriginsJson: string; createdAt: string },
  ) =>
    db.insertInto('api_keys').values({
      id: p.id,
      kind: p.kind,
      comune_id: p.comuneId,
      agent_id: p.agentId,
      terminal_id: p.terminalId,
      key_hash: p.keyHash,
      key_prefix: p.keyPrefix,
      allowed_origins_json: p.allowedOriginsJson,
      created_at: p.createdAt,
    }),
);
const revoke = sqlQuery('revoke_api_key', (db, p: { id: string; revokedAt: string }) =>
  db.updateTable('api_keys').set({ revoked_at: p.revokedAt }).where('id', '=', p.id).where('revoked_at', 'is', null),
);

const origins = z.array(z.string());
const originsOf = (json: string) => origins.parse(JSON.parse(json));
const toRow = ({ allowedOriginsJson, ...row }: { allowedOriginsJson: string } & Omit<ApiKeyRow, 'allowedOrigins'>): ApiKeyRow => ({ ...row, allowedOrigins: originsOf(allowedOriginsJson) });

export function apiKeyRepository(exec: SqlExecutor): ApiKeyRepository {
  return {
    // Field by field, not by spreading: this runs on every request.
    byHash: async (keyHash) => {
      const row = await exec.first(byHash, { keyHash });
      if (!row) return undefined;
      return {
        id: row.id,
        kind: row.kind,
        comuneId: row.comuneId,
        agentId: row.agentId,
        terminalId: row.terminalId,
        keyPrefix: row.keyPrefix,
        allowedOrigins: originsOf(row.allowedOriginsJson),
        createdAt: row.createdAt,
        revokedAt: row.revokedAt,
        agentName: row.agentName,
        agentSuspendedAt: row.agentSuspendedAt,
      };
    },
    list: async (comuneId) => (await (comuneId === undefined ? exec.all(all, {}) : exec.all(ofComune, { comuneId }))).map(toRow),
    insert: async ({ allowedOrigins, ...row }, keyHash) => void (await exec.run(insert, { ...row, keyHash, allowedOriginsJson: jsonText(allowedOrigins) })),
    revoke: async (id, revokedAt) => (await exec.run(revoke, { id, revokedAt })) === 1,
  };
}
