import type { ErrorCode, StaffRole } from '@pay-box/contract';
import { z } from 'zod';
import type { OperationExample } from './examples.js';

/** Who may call an operation: the security schemes of the OpenAPI document. */
export type SecurityScheme = 'publishableKey' | 'terminalKey' | 'staffSession';

export interface OperationResponse {
  description: string;
  /** JSON body; omitted for non-JSON responses. */
  schema?: z.ZodType;
  /** Other media types the response may have, e.g. text/plain and application/pdf for receipts. */
  otherMediaTypes?: Record<string, { description: string; binary?: boolean }>;
}

/**
 * One API operation: the single description that the routes validate with and the OpenAPI
 * document is generated from, so the two cannot drift apart.
 */
export interface Operation {
  operationId: string;
  method: 'get' | 'post' | 'patch' | 'delete';
  /** OpenAPI path template: `/v1/payments/{id}`. */
  path: string;
  tag: string;
  summary: string;
  description: string;
  security: readonly SecurityScheme[];
  /** Requires an Idempotency-Key header. */
  idempotent: boolean;
  params?: z.ZodObject;
  query?: z.ZodObject;
  body?: z.ZodType;
  success: { status: 200 | 201 | 204; response: OperationResponse };
  errors: readonly ErrorCode[];
  /**
   * A file sent as the body instead of JSON (a CSV of credits, a treasurer's statement): its media
   * types, and a larger size limit than the API's JSON bodies, still enforced before it is read whole.
   */
  upload?: { mediaTypes: readonly string[]; maxBytes: number; description: string; /** A small file of the first media type, for the reference. */ example?: string };
  /** For `staffSession` operations: the least role that may call it (viewer < operator < admin), or platform. */
  staffRole?: StaffRole;
  /** The request example of the OpenAPI document; the public operations keep theirs in examples.ts. */
  example?: OperationExample;
}

export const idParam = (prefix: string) => z.object({ id: z.string().regex(new RegExp(`^${prefix}_[0-9A-Za-z]{8,40}$`)).describe(`Identifier, prefixed ${prefix}_.`) });

/** Errors any authenticated JSON operation can return (`agent_suspended`: a key of a suspended shop's terminal). */
export const common: ErrorCode[] = ['unauthorized', 'forbidden', 'agent_suspended', 'rate_limited', 'internal_error', 'service_unavailable'];
export const writes: ErrorCode[] = ['validation_failed', 'idempotency_key_missing', 'idempotency_key_reused', 'request_in_progress', 'payload_too_large', 'unsupported_media_type'];

/** Errors any staff operation can return: no session, a wrong role, a change without its CSRF token. */
export const staffCommon: ErrorCode[] = ['session_required', 'role_forbidden', 'csrf_failed', 'forbidden', 'rate_limited', 'internal_error', 'service_unavailable'];

/** Errors of a staff operation that changes something. */
export const staffWrites: ErrorCode[] = ['validation_failed', 'payload_too_large', 'unsupported_media_type'];

