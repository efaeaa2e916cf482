import { expectMoneyInvariants as expectBooks } from '../../../../test-support/money-invariants.js';
import type { TestServer } from './test-server.js';

/** The money rules, checked on the server's books and its sandbox bank's. */
export const expectMoneyInvariants = (server: TestServer): Promise<void> => expectBooks(server.engine, server.bank);
