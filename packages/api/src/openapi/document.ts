import { canonicalJson, errorBodySchema, errorCatalog, errorCodes, type ErrorBody, type ErrorCode } from '@pay-box/contract';
import { z } from 'zod';
import { operationExamples, type OperationExample } from './examples.js';
import { operations, type Operation, type OperationId, type OperationResponse, type SecurityScheme } from './operations.js';

export type JsonSchema = z.core.JSONSchema.JSONSchema;

export interface Reference {
  $ref: string;
}

export interface ParameterObject {
  name: string;
  in: 'path' | 'query' | 'header';
  required: boolean;
  description?: string;
  schema: JsonSchema;
  example?: string;
}

export interface HeaderObject {
  description: string;
  schema: JsonSchema;
}

export interface MediaTypeObject {
  schema: JsonSchema;
  example?: unknown;
  examples?: Record<string, Reference>;
}

export interface ResponseObject {
  description: string;
  headers: Record<string, HeaderObject>;
  content: Record<string, MediaTypeObject>;
}

/** One alternative of an operation's security: the scheme names it needs (here always one). */
export type SecurityRequirement = Partial<Record<SecurityScheme, string[]>>;

export interface OperationObject {
  operationId: string;
  summary: string;
  description: string;
  tags: string[];
  security: SecurityRequirement[];
  parameters: ParameterObject[];
  requestBody?: { required: true; description?: string; content: Record<string, MediaTypeObject> };
  responses: Record<string, ResponseObject>;
}

export interface ErrorExampleObject {
  summary: string;
  value: ErrorBody;
}

export type SecuritySchemeObject = { type: 'http'; scheme: 'bearer'; description: string } | { type: 'apiKey'; in: 'cookie'; name: string; description: string };

export interface OpenApiDocument {
  openapi: '3.1.0';
  info: { title: string; version: string; description: string };
  servers: Array<{ url: string }>;
  tags: Array<{ name: string; description?: string }>;
  paths: Record<string, Partial<Record<Operation['method'], OperationObject>>>;
  components: {
    schemas: Record<string, JsonSchema>;
    securitySchemes: Record<SecurityScheme, SecuritySchemeObject>;
    /** One example error body per error code, keyed by the code. */
    examples: Record<string, ErrorExampleObject>;
  };
}

/** Markdown; the API reference page shows each `## ` section under its own heading. */
const apiDescription = `Pay-Box lets a comune collect what it is owed at neighbourhood shops (punti Pay-Box), on its web site and in apps. Each payment closes one credit, sends one SEPA transfer to the comune's treasury and prints the bank reference (CRO/TRN) on the receipt.

## Authentication

Send the key as \`Authorization: Bearer <key>\`.

- **Publishable key** (\`pk_...\`), one per comune: safe in a browser and accepted only from the comune's allowed origins. It looks credits up with masked personal data and lists services.
- **Terminal secret key** (\`sk_...\`), one per POS terminal of a shop: lookups, payments, unexpected credits, the shop's float and daily report. Keep it on the terminal; it is shown only once.

Checking a receipt's verification code needs no key.

## Idempotency

Every request that changes state needs an \`Idempotency-Key\` header: a fresh UUID per operation, sent again unchanged on every retry of that operation. Same key and same body: the payment the first request made, as it is now (its transfer may have settled since), with the original status and \`Idempotent-Replayed: true\`. Same key with a different body: 422 \`idempotency_key_reused\`. Same key while the first request is still running: 409 \`request_in_progress\`. Keys are scoped per API key, so a retry can never pay twice.

## Amounts

Amounts are integer euro cents: \`1250\` is EUR 12.50. The currency is always \`EUR\`.

## Errors

An error answers with a JSON body \`{ "error": { "code", "message", "messageIt", "details", "requestId" } }\`. Switch on \`code\`: codes are stable and never reused. \`message\` (English) and \`messageIt\` (Italian) say what to do next; \`details\` lists the fields to correct. Every response carries an \`X-Request-Id\` header: quote it when asking for support.`;

const securitySchemes: Record<SecurityScheme, SecuritySchemeObject> = {
  publishableKey: {
    type: 'http',
    scheme: 'bearer',
    description: "Publishable key `pk_...`, one per comune: safe in browsers, accepted only from the comune's allowed origins; personal data comes back masked.",
  },
  terminalKey: {
    type: 'http',
    scheme: 'bearer',
    description: 'Terminal secret key `sk_...`, one per POS terminal of a shop. Keep it secret on the terminal; it is shown only once.',
  },
  staffSession: {
    type: 'apiKey',
    in: 'cookie',
    name: 'paybox_session',
    description:
      "The cruscotto's session cookie, set by `POST /v1/admin/session` (HttpOnly, SameSite=Strict). Only this server's own pages can use it: every change must also send the session's `csrfToken` as the `X-CSRF-Token` header. API keys are refused here.",
  },
};

const tagDescriptions: Record<string, string> = {
  Credits: 'What a debtor owes a comune, found by notice number, QR code or tax code.',
  Payments: 'Paying a credit at a shop: float debit, receipt and SEPA transfer to the comune.',
  Receipts: 'Receipts as JSON, POS text or PDF, and their public verification.',
  Services: "The comune's catalogue of services (TARI, school meals, market fees...).",
  'Unexpected credits': 'Credits the comune did not know in advance (crediti non attesi), opened and paid in one step.',
  Agent: "The shop's float and its daily closing.",
  Checkout: "Card payments on the comune's site: the card acquirer's hosted page, then the payment, receipt and transfer as at a shop.",
  Points: 'The shops where a citizen can pay in cash.',
  'Comune settings': "What a comune's admin sets up alone: its services and the forms of their unexpected credits, and its web site's publishable keys. Fees are set by the payment institution.",
  Platform: "The payment institution's onboarding (platform staff only): comuni, their services and fees, shops, terminal pairing, and changes of money settings approved by a second person.",
  'Staff access': "The cruscotto's staff: logging in and out (a session cookie, not an API key), the comune's users and roles, and the audit log.",
  Webhooks: "A comune's endpoints for its events (payment.succeeded, transfer.settled, ...), signed to the Standard Webhooks spec, with their delivery log and redelivery.",
  Connectors: "Where a comune's credits live: connectors to its own credit system (Pay-Box's HTTP protocol, or pagoPA's GPD), read in real time and told of every payment; and the write-backs and webhook deliveries that gave up.",
};

const requestIdHeader: HeaderObject = {
  description: 'Identifies this request in the server log (also `error.requestId`): quote it when asking for support.',
  schema: { type: 'string' },
};

const idempotentReplayedHeader: HeaderObject = {
  description: 'Present, with value `true`, when this answers a retry: the payment made by an earlier request with the same Idempotency-Key, as it is now.',
  schema: { type: 'string', enum: ['true'] },
};

const retryAfterHeader: HeaderObject = { description: 'Seconds to wait before retrying.', schema: { type: 'integer', minimum: 0 } };

const idempotencyKeyParameter: ParameterObject = {
  name: 'Idempotency-Key',
  in: 'header',
  required: true,
  description: 'A fresh UUID per operation, sent again unchanged on every retry of it; scoped per API key.',
  schema: { type: 'string' },
  example: '0b6c4f1e-8d1a-4a3e-9d55-6f0c2b7e9a41',
};

const requestIdParameter: ParameterObject = {
  name: 'X-Request-Id',
  in: 'header',
  required: false,
  description: 'Your own id for this request, to find it in both logs; echoed in the `X-Request-Id` response header. Otherwise the server makes one.',
  schema: { type: 'string', pattern: '^[A-Za-z0-9_.:-]{8,64}$' },
};

type ConvertSchema = (schema: z.ZodType, io: 'input' | 'output') => JsonSchema;

/**
 * Converts zod schemas to JSON Schema, hoisting every schema that carries `.meta({ id })` into
 * `components` so that it is published once and referenced everywhere else.
 */
function createSchemaConverter(components: Record<string, JsonSchema>): ConvertSchema {
  return (schema, io) => {
    const { $schema: _dialect, $defs = {}, ...root } = z.toJSONSchema(schema, { target: 'draft-2020-12', io, unrepresentable: 'any' });
    for (const [id, definition] of Object.entries($defs)) {
      const component = pointRefsToComponents(definition);
      const known = components[id];
      // One id must mean one shape; an input variant that differs from its output needs its own id.
      if (known && canonicalJson(known) !== canonicalJson(component)) throw new Error(`Schema "${id}" converts differently as ${io}; give that variant its own id`);
      components[id] = component;
    }
    return pointRefsToComponents(root);
  };
}

function pointRefsToComponents(schema: JsonSchema): JsonSchema {
  return JSON.parse(JSON.stringify(schema), (key, value: unknown) =>
    key === '$ref' && typeof value === 'string' ? value.replace('#/$defs/', '#/components/schemas/') : value,
  ) as JsonSchema;
}

/** JSON Schema allows `true`/`false` as schemas; read them as the schemas they stand for. */
export function asSchemaObject(schema: boolean | JsonSchema): JsonSchema {
  if (typeof schema !== 'boolean') return schema;
  return schema ? {} : { not: {} };
}

function objectParameters(
  schema: z.ZodObject | undefined,
  location: 'path' | 'query',
  examples: Record<string, string> = {},
  convert: ConvertSchema,
): ParameterObject[] {
  if (!schema) return [];
  const { properties = {}, required = [] } = convert(schema, 'input');
  return Object.entries(properties).map(([name, property]) => {
    const { description, ...propertySchema } = asSchemaObject(property);
    const example = examples[name];
    return {
      name,
      in: location,
      required: location === 'path' || required.includes(name),
      ...(description !== undefined && { description }),
      schema: propertySchema,
      ...(example !== undefined && { example }),
    };
  });
}

function successResponse(response: OperationResponse, headers: Record<string, HeaderObject>, convert: ConvertSchema): ResponseObject {
  const content: Record<string, MediaTypeObject> = {};
  if (response.schema) content['application/json'] = { schema: convert(response.schema, 'output') };
  for (const [mediaType, { description, binary }] of Object.entries(response.otherMediaTypes ?? {})) {
    content[mediaType] = { schema: { type: 'string', description, ...(binary && { format: 'binary' }) } };
  }
  return { description: response.description, headers, content };
}

/** One response per HTTP status, listing the error codes that share it, each with its example. */
function errorResponses(codes: readonly ErrorCode[], headers: Record<string, HeaderObject>, errorSchema: JsonSchema): Record<string, ResponseObject> {
  const codesByStatus = new Map<number, ErrorCode[]>();
  for (const code of codes) {
    const status = errorCatalog[code].status;
    codesByStatus.set(status, [...(codesByStatus.get(status) ?? []), code]);
  }
  return Object.fromEntries(
    [...codesByStatus].map(([status, codesOfStatus]) => [
      String(status),
      {
        description: codesOfStatus.map((code) => `\`${code}\`: ${errorCatalog[code].en}`).join('\n\n'),
        headers: status === 429 ? { ...headers, 'Retry-After': retryAfterHeader } : headers,
        content: {
          'application/json': {
            schema: errorSchema,
            examples: Object.fromEntries(codesOfStatus.map((code) => [code, { $ref: `#/components/examples/${code}` }])),
          },
        },
      },
    ]),
  );
}

function errorExample(code: ErrorCode): ErrorExampleObject {
  const { status, en, it } = errorCatalog[code];
  return { summary: `${status} ${code}`, value: { error: { code, message: en, messageIt: it, requestId: 'req_01JD8ZS4Y6A8C0E2' } } };
}

function buildOperation(operation: Operation, example: OperationExample, convert: ConvertSchema, errorSchema: JsonSchema): OperationObject {
  const headers: Record<string, HeaderObject> = {
    'X-Request-Id': requestIdHeader,
    ...(operation.idempotent && { 'Idempotent-Replayed': idempotentReplayedHeader }),
  };
  return {
    operationId: operation.operationId,
    summary: operation.summary,
    description: operation.description,
    tags: [operation.tag],
    security: operation.security.map((scheme): SecurityRequirement => ({ [scheme]: [] })),
    parameters: [
      ...objectParameters(operation.params, 'path', example.params, convert),
      ...objectParameters(operation.query, 'query', example.query, convert),
      ...(operation.idempotent ? [idempotencyKeyParameter] : []),
      requestIdParameter,
    ],
    ...(operation.upload && {
      requestBody: {
        required: true,
        description: `${operation.upload.description} At most ${operation.upload.maxBytes} bytes.`,
        content: Object.fromEntries(
          operation.upload.mediaTypes.map((mediaType, index) => [mediaType, { schema: { type: 'string' }, ...(index === 0 && operation.upload?.example !== undefined && { example: operation.upload.example }) }]),
        ),
      },
    }),
    ...(operation.body && {
      requestBody: {
        required: true,
        content: { 'application/json': { schema: convert(operation.body, 'input'), ...(example.body !== undefined && { example: example.body }) } },
      },
    }),
    responses: {
      [operation.success.status]: successResponse(operation.success.response, headers, convert),
      ...errorResponses(operation.errors, headers, errorSchema),
    },
  };
}

/** The OpenAPI 3.1 description of the Pay-Box API, generated from the operations and the contract's zod schemas. */
export function buildOpenApiDocument(options: { serverUrl: string; version: string }): OpenApiDocument {
  const schemas: Record<string, JsonSchema> = {};
  const convert = createSchemaConverter(schemas);
  const errorSchema = convert(errorBodySchema, 'output');
  const paths: OpenApiDocument['paths'] = {};
  for (const id of Object.keys(operations) as OperationId[]) {
    const operation: Operation = operations[id];
    (paths[operation.path] ??= {})[operation.method] = buildOperation(operation, operationExamples[id], convert, errorSchema);
  }
  const tagNames = [...new Set(Object.values(operations).map((operation) => operation.tag))];
  return {
    openapi: '3.1.0',
    info: { title: 'Pay-Box API', version: options.version, description: apiDescription },
    servers: [{ url: options.serverUrl }],
    tags: tagNames.map((name) => ({ name, ...(tagDescriptions[name] !== undefined && { description: tagDescriptions[name] }) })),
    paths,
    components: {
      schemas,
      securitySchemes,
      examples: Object.fromEntries(errorCodes.map((code) => [code, errorExample(code)])),
    },
  };
}
