/**
 * The Pay-Box API contract: request and response schemas, error codes and the domain helpers
 * they rely on. The reference server validates with these; the OpenAPI document is generated from them.
 */
export * from '../domain/index.js';
export * from './errors.js';
export * from './common.js';
export * from './credits.js';
export * from './services.js';
export * from './payments.js';
export * from './receipts.js';
export * from './unexpected-credits.js';
export * from './agent.js';
