import type { Context, Hono } from 'hono';
import { z } from 'zod';
import { DomainError, requireComuneRole, requirePlatform, type Principal, type PublishablePrincipal, type StaffPrincipal, type TerminalPrincipal } from '@pay-box/engine';
import type { Operation } from '../openapi/operation.js';
import type { AppEnv } from './env.js';
import { bodyReadError, zodIssues } from './error-response.js';

type Output<S> = S extends z.ZodType ? z.output<S> : undefined;

export interface OperationInput<O extends Operation> {
  principal: O['security'] extends readonly ['staffSession']
    ? StaffPrincipal
    : O['security'] extends readonly ['terminalKey']
    ? TerminalPrincipal
    : O['security'] extends readonly ['publishableKey']
      ? PublishablePrincipal
      : O['security'] extends readonly []
        ? undefined
        : Principal;
  body: Output<O extends { body: infer S } ? S : undefined>;
  params: Output<O extends { params: infer S } ? S : undefined>;
  query: Output<O extends { query: infer S } ? S : undefined>;
  /** Present on idempotent operations. */
  idempotencyKey: string;
  /** The file of an upload operation, as text; empty on the others. */
  upload: string;
}

export type OperationHandler<O extends Operation> = (input: OperationInput<O>, c: Context<AppEnv>) => Response | Promise<Response>;

const idempotencyKeyFormat = /^[\x21-\x7e]{1,255}$/;

/**
 * Mounts an operation from its description: the same one the OpenAPI document is built from.
 * Checks the key's scheme, the Idempotency-Key, and validates params, query and JSON body with the
 * contract's schemas before the handler runs; the handler gets typed input.
 */
export function mountOperation<O extends Operation>(app: Hono<AppEnv>, operation: O, handler: OperationHandler<O>): void {
  const path = operation.path.replace(/\{(\w+)\}/g, ':$1');
  app.on(operation.method.toUpperCase(), path, async (c) => {
    const principal = operation.security.includes('staffSession') ? staffPrincipal(c, operation) : keyPrincipal(c, operation);
    let idempotencyKey = '';
    if (operation.idempotent) {
      idempotencyKey = c.req.header('idempotency-key') ?? '';
      if (!idempotencyKey) throw new DomainError('idempotency_key_missing');
      if (!idempotencyKeyFormat.test(idempotencyKey)) {
        throw new DomainError('validation_failed', [{ path: 'Idempotency-Key', message: '1 to 255 visible ASCII characters' }]);
      }
    }
    const input = {
      principal,
      idempotencyKey,
      // Each part is read only when the operation has a schema for it: most have no params nor query.
      params: operation.params && parse(operation.params, c.req.param(), 'params'),
      query: operation.query && parse(operation.query, c.req.query(), 'query'),
      body: operation.body && parse(operation.body, await readJson(c), ''),
      upload: operation.upload ? await readUpload(c, operation.upload.mediaTypes) : '',
    };
    return handler(input as OperationInput<O>, c);
  });
}

function keyPrincipal(c: Context<AppEnv>, operation: Operation): Principal | undefined {
  const principal = c.get('principal') as Principal | undefined;
  if (operation.security.length === 0) return principal;
  if (!principal) throw new DomainError('unauthorized');
  const scheme = principal.kind === 'terminal' ? 'terminalKey' : 'publishableKey';
  if (!operation.security.includes(scheme)) throw new DomainError('forbidden', { reason: `this operation needs a ${operation.security.join(' or ')}` });
  return principal;
}

/** A staff session with the operation's role; an API key is never taken for one. */
function staffPrincipal(c: Context<AppEnv>, operation: Operation): StaffPrincipal {
  const staff = c.get('staff') as StaffPrincipal | undefined;
  if (!staff) {
    if (c.get('principal')) throw new DomainError('forbidden', { reason: 'the staff API takes a staff session, not an API key' });
    throw new DomainError('session_required');
  }
  if (operation.staffRole === 'platform') requirePlatform(staff);
  else if (operation.staffRole !== undefined) requireComuneRole(staff, operation.staffRole);
  return staff;
}

function parse(schema: z.ZodType, value: unknown, prefix: string): unknown {
  const result = schema.safeParse(value);
  if (!result.success) throw new DomainError('validation_failed', zodIssues(result.error, prefix));
  return result.data;
}

async function readUpload(c: Context<AppEnv>, mediaTypes: readonly string[]): Promise<string> {
  const type = (c.req.header('content-type') ?? '').split(';')[0]!.trim().toLowerCase();
  if (!mediaTypes.includes(type)) throw new DomainError('unsupported_media_type', { accepted: mediaTypes });
  return c.req.text().catch((error: unknown) => {
    throw bodyReadError(c, error);
  });
}

async function readJson(c: Context<AppEnv>): Promise<unknown> {
  if (!isJsonMediaType(c.req.header('content-type') ?? '')) throw new DomainError('unsupported_media_type');
  const text = await c.req.text().catch((error: unknown) => {
    throw bodyReadError(c, error);
  });
  try {
    return JSON.parse(text);
  } catch {
    throw new DomainError('validation_failed', [{ path: '', message: 'the body is not valid JSON' }]);
  }
}

/**
 * The one media type the OpenAPI document gives request bodies: `application/json`, in any case,
 * with parameters or none. A prefix match let `application/json-seq` and `application/json, text/plain`
 * through; `application/*+json` types are other formats and are refused too. JSON is UTF-8
 * (RFC 8259): a body announced in another charset would be misread, so it is refused, not guessed.
 */
function isJsonMediaType(header: string): boolean {
  const [type = '', ...parameters] = header.split(';');
  if (type.trim().toLowerCase() !== 'application/json') return false;
  return parameters.every((parameter) => {
    const [name = '', value = ''] = parameter.split('=');
    return name.trim().toLowerCase() !== 'charset' || value.trim().replace(/^"(.*)"$/, '$1').toLowerCase() === 'utf-8';
  });
}
