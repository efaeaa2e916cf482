import {
  DummyDriver,
  Kysely,
  PostgresAdapter,
  PostgresQueryCompiler,
  SqliteAdapter,
  SqliteIntrospector,
  SqliteQueryCompiler,
  type Compilable,
  type DialectAdapter,
  type QueryCompiler,
} from 'kysely';
import type { Schema } from './schema.js';

export type Dialect = 'sqlite' | 'postgres';

/**
 * One SQL statement, written once with Kysely's typed builder for both dialects, and compiled once
 * per dialect: the builder runs with placeholder parameters, and each execution only binds values
 * to the prepared statement. `O` is the row type Kysely infers from the query, so rows need no cast.
 */
export interface SqlQuery<P, O> {
  readonly name: string;
  readonly build: (db: Kysely<Schema>, p: P, dialect: Dialect) => Compilable<O>;
}

const names = new Set<string>();

export function sqlQuery<P extends object, O>(name: string, build: (db: Kysely<Schema>, p: P, dialect: Dialect) => Compilable<O>): SqlQuery<P, O> {
  // PostgreSQL prepares a statement once per connection under its name: one name, one text.
  if (names.has(name)) throw new Error(`two SQL queries are named "${name}"`);
  names.add(name);
  return { name, build };
}

/**
 * A statement that writes `count` rows at once (one INSERT for all the postings of a ledger
 * transaction, or all the events of a fact), built and named once per number of rows.
 */
export function sqlQueryPerCount<P extends object, O>(name: string, build: (db: Kysely<Schema>, p: P, count: number) => Compilable<O>): (count: number) => SqlQuery<P, O> {
  const byCount = new Map<number, SqlQuery<P, O>>();
  return (count) => {
    let query = byCount.get(count);
    if (!query) {
      query = sqlQuery(`${name}_${count}`, (db, p: P) => build(db, p, count));
      byCount.set(count, query);
    }
    return query;
  };
}

/** A query compiled for one dialect: its SQL text, and how to order a call's values for it. */
export interface CompiledQuery {
  readonly name: string;
  readonly sql: string;
  bind(params: object): unknown[];
}

/** A placeholder the builder sees instead of a value; the compiled parameter list says where each goes. */
class Placeholder {
  constructor(readonly name: string) {}
}

const placeholders = new Proxy({}, { get: (_, name) => (typeof name === 'string' ? new Placeholder(name) : undefined) });

/** A Kysely that only compiles (its driver never runs a query): the SQL text of each dialect. */
const compilerFor = (dialect: { adapter: DialectAdapter; queryCompiler: QueryCompiler }) =>
  new Kysely<Schema>({
    dialect: {
      createAdapter: () => dialect.adapter,
      createDriver: () => new DummyDriver(),
      createIntrospector: (db) => new SqliteIntrospector(db),
      createQueryCompiler: () => dialect.queryCompiler,
    },
  });

const compilers = {
  sqlite: compilerFor({ adapter: new SqliteAdapter(), queryCompiler: new SqliteQueryCompiler() }),
  postgres: compilerFor({ adapter: new PostgresAdapter(), queryCompiler: new PostgresQueryCompiler() }),
};

const compiled = { sqlite: new WeakMap<SqlQuery<never, unknown>, CompiledQuery>(), postgres: new WeakMap<SqlQuery<never, unknown>, CompiledQuery>() };

export function compileQuery<P, O>(query: SqlQuery<P, O>, dialect: Dialect): CompiledQuery {
  const key = query as unknown as SqlQuery<never, unknown>;
  let result = compiled[dialect].get(key);
  if (!result) {
    const { sql, parameters } = query.build(compilers[dialect], placeholders as P, dialect).compile();
    const slots = parameters.map((value) => (value instanceof Placeholder ? value.name : { constant: value }));
    result = {
      name: query.name,
      sql,
      bind: (params) =>
        slots.map((slot) => {
          if (typeof slot !== 'string') return slot.constant;
          const value = (params as Record<string, unknown>)[slot];
          return value === undefined ? null : value;
        }),
    };
    compiled[dialect].set(key, result);
  }
  return result;
}

export type Awaitable<T> = T | Promise<T>;

/** Runs compiled queries on one connection. SQLite answers at once; PostgreSQL over the network. */
export interface SqlExecutor {
  readonly dialect: Dialect;
  all<P extends object, O>(query: SqlQuery<P, O>, params: P): Awaitable<O[]>;
  first<P extends object, O>(query: SqlQuery<P, O>, params: P): Awaitable<O | undefined>;
  /** Runs a statement; returns how many rows it changed. */
  run<P extends object>(query: SqlQuery<P, unknown>, params: P): Awaitable<number>;
}

/** JSON stored as text, parsed by the caller's own check: a column never turns into `any`. */
export const jsonText = (value: unknown): string => JSON.stringify(value);
