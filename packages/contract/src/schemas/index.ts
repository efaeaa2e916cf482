/** Request and response schemas, the error catalogue, and the rules a service's unexpected-credit fields follow. */
export * from './errors.js';
export * from './common.js';
export * from './credits.js';
export * from './services.js';
export * from './payments.js';
export * from './receipts.js';
export * from './unexpected-credits.js';
export * from './agent.js';
export * from './checkout.js';
export * from './field-rules.js';
export * from './admin/index.js';
export * from './platform/index.js';
export * from './connectors/index.js';
