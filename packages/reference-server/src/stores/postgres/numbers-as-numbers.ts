import pg from 'pg';

const bigNumbers = new Set<number>([pg.types.builtins.INT8, pg.types.builtins.NUMERIC]);

/**
 * Money is integer cents: bigint columns, counts and sums come back as numbers, as SQLite gives them
 * (exact up to 2^53 cents), not as the strings pg gives by default.
 */
export const numbersAsNumbers: pg.CustomTypesConfig = {
  getTypeParser: ((oid: number, format?: 'text' | 'binary') =>
    bigNumbers.has(oid) ? (value: string) => Number(value) : pg.types.getTypeParser(oid, format)) as pg.CustomTypesConfig['getTypeParser'],
};
