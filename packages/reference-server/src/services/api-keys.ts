import { createHash } from 'node:crypto';
import type { ApiKeyRow, KeyKind } from '../db/repositories/api-keys.js';
import { DomainError } from '../domain-error.js';
import type { ServiceContext } from './context.js';
import type { Principal } from './principal.js';

const PREFIX: Record<KeyKind, string> = { publishable: 'pk_', terminal: 'sk_' };

export function hashApiKey(secret: string): string {
  return createHash('sha256').update(secret).digest('hex');
}

export interface CreatedKey {
  id: string;
  kind: KeyKind;
  /** Shown once: only its hash is stored. */
  secret: string;
  terminalId: string | null;
}

export type KeyRequest =
  | { kind: 'publishable'; comuneId: string; allowedOrigins: string[] }
  | { kind: 'terminal'; agentId: string; label: string };

/** Issues a key. A terminal key comes with its own new terminal. Runs inside a write. */
export function createApiKey(ctx: ServiceContext, request: KeyRequest): CreatedKey {
  const { repos, ids } = ctx;
  const now = ctx.clock.now().toISOString();
  const secret = `${PREFIX[request.kind]}${ids.secret(32)}`;
  const id = ids.id('key');
  if (request.kind === 'publishable') {
    if (!repos.tenants.comune(request.comuneId)) throw new DomainError('not_found', { comuneId: request.comuneId });
    repos.apiKeys.insert(
      { id, kind: 'publishable', comuneId: request.comuneId, agentId: null, terminalId: null, keyPrefix: secret.slice(0, 8), allowedOrigins: request.allowedOrigins, createdAt: now },
      hashApiKey(secret),
    );
    return { id, kind: 'publishable', secret, terminalId: null };
  }
  const agent = repos.tenants.agent(request.agentId);
  if (!agent) throw new DomainError('not_found', { agentId: request.agentId });
  const terminalId = ids.id('trm');
  repos.tenants.insertTerminal({ id: terminalId, comuneId: agent.comuneId, agentId: agent.id, label: request.label }, now);
  repos.apiKeys.insert(
    { id, kind: 'terminal', comuneId: agent.comuneId, agentId: agent.id, terminalId, keyPrefix: secret.slice(0, 8), allowedOrigins: [], createdAt: now },
    hashApiKey(secret),
  );
  return { id, kind: 'terminal', secret, terminalId };
}

/** The principal of an active key, or undefined for an unknown or revoked one. */
export function authenticate(ctx: ServiceContext, secret: string): Principal | undefined {
  const row: ApiKeyRow | undefined = ctx.repos.apiKeys.byHash(hashApiKey(secret));
  if (!row || row.revokedAt) return undefined;
  if (row.kind === 'terminal') {
    return { kind: 'terminal', keyId: row.id, comuneId: row.comuneId, agentId: row.agentId!, terminalId: row.terminalId! };
  }
  return { kind: 'publishable', keyId: row.id, comuneId: row.comuneId, allowedOrigins: row.allowedOrigins };
}
