/** The staff API of the cruscotto (`/v1/admin/*`): a comune's staff, with a session cookie. */
export * from './staff.js';
export * from './reconciliation.js';
export * from './live.js';
export * from './gestionale.js';
export * from './webhooks.js';
export * from './settings.js';
