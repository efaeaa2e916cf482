/**
 * @pay-box/api: the Pay-Box HTTP API as a runtime-neutral Hono app over the engine. The reference
 * server serves it; the SDK's mock answers with it in memory. Each operation is described once
 * (openapi/operations.ts): the routes validate with that description and the OpenAPI 3.1 document
 * is generated from it.
 */
export { createApiApp, MAX_BODY_BYTES, type ApiAppOptions } from './http/app.js';
export { referenceRoutes } from './http/routes/reference.js';
export { defaultLookupLimits, type LookupLimits } from './http/routes/credits.js';
export { VERIFY_LIMIT, type ClientAddress } from './http/routes/receipts.js';
export type { AppEnv } from './http/env.js';
export { isStaffPath, SESSION_COOKIE } from './http/staff-session.js';
export { operations, type Operation, type OperationId, type SecurityScheme } from './openapi/operations.js';
export { operationExamples, type OperationExample } from './openapi/examples.js';
export { buildOpenApiDocument, type OpenApiDocument } from './openapi/document.js';
export { renderApiReferencePage } from './openapi/reference-page.js';
