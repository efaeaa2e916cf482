import { mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import Database from 'better-sqlite3';
import pg from 'pg';
import { describe, expect, it } from 'vitest';
import { SqliteStore } from '../../src/stores/sqlite/sqlite-store.js';
import { createDatabase, MIGRATED_TEMPLATE } from '../../../../test-support/postgres.js';
import { postgresUrl } from '../../../../test-support/stores.js';

/** A column as both databases can describe it: integers and text are the only types the schema uses. */
interface Column {
  name: string;
  type: 'integer' | 'text';
  nullable: boolean;
  primaryKey: boolean;
}

type Schema = Record<string, Column[]>;

function sqliteSchema(): Schema {
  const dir = mkdtempSync(join(tmpdir(), 'paybox-schema-'));
  const file = join(dir, 'paybox.sqlite');
  void new SqliteStore(file).close();
  const db = new Database(file, { readonly: true });
  try {
    const relations = db.prepare(`SELECT name FROM sqlite_schema WHERE type IN ('table', 'view') AND name NOT LIKE 'sqlite_%' ORDER BY name`).pluck().all() as string[];
    return Object.fromEntries(
      relations.map((relation) => {
        const columns = db.prepare(`SELECT name, type, "notnull", pk FROM pragma_table_info(?) ORDER BY name`).all(relation) as Array<{ name: string; type: string; notnull: number; pk: number }>;
        return [
          relation,
          columns.map((column) => ({
            name: column.name,
            type: column.type === 'TEXT' ? 'text' : 'integer',
            // SQLite says nothing of a view's columns; neither is a primary key nullable.
            nullable: column.notnull === 0 && column.pk === 0,
            primaryKey: column.pk > 0,
          })),
        ];
      }),
    );
  } finally {
    db.close();
    rmSync(dir, { recursive: true, force: true });
  }
}

async function postgresSchema(url: string): Promise<Schema> {
  const client = new pg.Client({ connectionString: url });
  await client.connect();
  try {
    const { rows } = await client.query<{ relation: string; name: string; type: string; nullable: string; primary_key: boolean }>(`
      SELECT c.table_name AS relation, c.column_name AS name, c.data_type AS type, c.is_nullable AS nullable,
        EXISTS (SELECT 1 FROM information_schema.table_constraints t
                JOIN information_schema.key_column_usage k ON k.constraint_name = t.constraint_name AND k.table_name = t.table_name
                WHERE t.table_name = c.table_name AND t.constraint_type = 'PRIMARY KEY' AND k.column_name = c.column_name) AS primary_key
      FROM information_schema.columns c WHERE c.table_schema = 'public' ORDER BY c.table_name, c.column_name`);
    const schema: Schema = {};
    for (const row of rows) {
      (schema[row.relation] ??= []).push({ name: row.name, type: row.type === 'text' ? 'text' : 'integer', nullable: row.nullable === 'YES', primaryKey: row.primary_key });
    }
    return schema;
  } finally {
    await client.end();
  }
}

/** SQLite cannot say whether a view's column may be null; PostgreSQL says "maybe" for every one. */
const withoutViewNullability = (schema: Schema, views: string[]): Schema =>
  Object.fromEntries(Object.entries(schema).map(([relation, columns]) => [relation, views.includes(relation) ? columns.map((column) => ({ ...column, nullable: true })) : columns]));

describe.skipIf(!postgresUrl)('the SQLite and PostgreSQL schemas', () => {
  it('have the same tables, views and columns, with the same types, nullability and primary keys', async () => {
    const views = ['ledger_balances'];
    const sqlite = withoutViewNullability(sqliteSchema(), views);
    const postgres = withoutViewNullability(await postgresSchema(await createDatabase(postgresUrl, { template: MIGRATED_TEMPLATE })), views);
    expect(Object.keys(postgres).sort()).toEqual(Object.keys(sqlite).sort());
    for (const relation of Object.keys(sqlite)) expect(postgres[relation], relation).toEqual(sqlite[relation]);
    expect(Object.keys(sqlite)).toContain('ledger_account_buckets');
  });

  it('index comune_id first wherever a table holds a comune\'s data: the key it distributes by', async () => {
    const dir = mkdtempSync(join(tmpdir(), 'paybox-schema-'));
    const file = join(dir, 'paybox.sqlite');
    await new SqliteStore(file).close();
    const db = new Database(file, { readonly: true });
    const sqliteLeading = db
      .prepare(`SELECT m.name AS relation FROM sqlite_schema m, pragma_index_list(m.name) l, pragma_index_info(l.name) i WHERE m.type = 'table' AND i.seqno = 0 AND i.name = 'comune_id'`)
      .pluck()
      .all() as string[];
    const withComune = db.prepare(`SELECT m.name FROM sqlite_schema m, pragma_table_info(m.name) c WHERE m.type = 'table' AND c.name = 'comune_id'`).pluck().all() as string[];
    db.close();
    rmSync(dir, { recursive: true, force: true });

    const client = new pg.Client({ connectionString: await createDatabase(postgresUrl, { template: MIGRATED_TEMPLATE }) });
    await client.connect();
    const postgresLeading = (await client.query<{ relation: string }>(`SELECT tablename AS relation FROM pg_indexes WHERE schemaname = 'public' AND indexdef ~ '\\(comune_id[,)]'`)).rows.map((row) => row.relation);
    await client.end();

    const tables = [...new Set(withComune)].sort();
    expect(tables).toEqual(expect.arrayContaining(['credits', 'payments', 'transfers', 'ledger_postings', 'ledger_transactions', 'idempotency_keys']));
    expect([...new Set(sqliteLeading)].sort()).toEqual(tables);
    expect([...new Set(postgresLeading)].sort()).toEqual(tables);
  });
});
