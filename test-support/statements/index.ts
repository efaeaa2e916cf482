/** Generators of treasurer's statements for a set of transfers: tests of the API and of the cruscotto. */
export { camt053, type Camt053Input } from './camt053.js';
export { csvStatement } from './csv-statement.js';
export { giornaleDiCassa, type GiornaleDiCassaInput } from './giornale-di-cassa.js';
export { entryFor, euros, type FixtureEntry, type SentTransfer } from './statement-entry.js';
