/**
 * @pay-box/contract: the Pay-Box API contract, written once. Request and response schemas (zod),
 * the error catalogue, and the domain helpers they rely on (notice numbers, pagoPA QR codes, tax
 * codes, IBANs, money, dates in Rome). The engine validates with these, the reference server
 * publishes them as OpenAPI, and the SDK's types come from them.
 *
 * `domain/` imports nothing from `schemas/`; `schemas/` builds on `domain/`.
 */
export * from './domain/index.js';
export * from './schemas/index.js';
