import type { Db } from '../database.js';
import { statementCache } from '../statements.js';

export type KeyKind = 'publishable' | 'terminal';

export interface ApiKeyRow {
  id: string;
  kind: KeyKind;
  comuneId: string;
  agentId: string | null;
  terminalId: string | null;
  keyPrefix: string;
  allowedOrigins: string[];
  createdAt: string;
  revokedAt: string | null;
}

const COLUMNS = `id, kind, comune_id AS comuneId, agent_id AS agentId, terminal_id AS terminalId, key_prefix AS keyPrefix,
  allowed_origins_json AS allowedOriginsJson, created_at AS createdAt, revoked_at AS revokedAt`;

type Raw = Omit<ApiKeyRow, 'allowedOrigins'> & { allowedOriginsJson: string };

const toRow = ({ allowedOriginsJson, ...rest }: Raw): ApiKeyRow => ({ ...rest, allowedOrigins: JSON.parse(allowedOriginsJson) as string[] });

/** API keys, stored as SHA-256 hashes: the secret itself is shown once and never stored. */
export class ApiKeyRepository {
  private readonly sql;

  constructor(db: Db) {
    this.sql = statementCache(db);
  }

  byHash(keyHash: string): ApiKeyRow | undefined {
    const raw = this.sql(`SELECT ${COLUMNS} FROM api_keys WHERE key_hash = ?`).get(keyHash) as Raw | undefined;
    return raw && toRow(raw);
  }

  list(comuneId?: string): ApiKeyRow[] {
    const rows = comuneId
      ? this.sql(`SELECT ${COLUMNS} FROM api_keys WHERE comune_id = ? ORDER BY created_at`).all(comuneId)
      : this.sql(`SELECT ${COLUMNS} FROM api_keys ORDER BY created_at`).all();
    return (rows as Raw[]).map(toRow);
  }

  insert(row: Omit<ApiKeyRow, 'revokedAt'>, keyHash: string): void {
    this.sql(
      `INSERT INTO api_keys (id, kind, comune_id, agent_id, terminal_id, key_hash, key_prefix, allowed_origins_json, created_at)
       VALUES (?, ?, ?, ?, ?, ?, ?, ?, ?)`,
    ).run(row.id, row.kind, row.comuneId, row.agentId, row.terminalId, keyHash, row.keyPrefix, JSON.stringify(row.allowedOrigins), row.createdAt);
  }

  /** Returns false when there is no such active key. */
  revoke(id: string, revokedAt: string): boolean {
    return this.sql(`UPDATE api_keys SET revoked_at = ? WHERE id = ? AND revoked_at IS NULL`).run(revokedAt, id).changes === 1;
  }
}
