import { DomainError } from '../errors.js';
import type { EngineContext } from '../context.js';
import type { IdSource } from '../ports/ids.js';
import type { ApiKeyRow, KeyKind } from '../ports/rows.js';
import type { UnitOfWork } from '../ports/store.js';
import type { Principal } from './principal.js';

const PREFIX: Record<KeyKind, string> = { publishable: 'pk_', terminal: 'sk_' };

/** Only this hash of a key is stored: the secret is shown once. */
export const hashApiKey = async (ctx: Pick<EngineContext, 'sha256'>, secret: string): Promise<string> => ctx.sha256(secret);

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

/** A key about to be issued: its secret and ids drawn, its hash computed (outside any unit of work). */
export interface KeyDraft {
  id: string;
  secret: string;
  hash: string;
}

export async function draftKey(ctx: EngineContext, kind: KeyKind): Promise<KeyDraft> {
  const secret = `${PREFIX[kind]}${ctx.ids.secret(32)}`;
  return { id: ctx.ids.id('key'), secret, hash: await hashApiKey(ctx, secret) };
}

/** Stores a drafted key. A terminal key comes with its own new terminal. Runs inside a unit of work. */
export async function insertKey(tx: UnitOfWork, ids: IdSource, draft: KeyDraft, request: KeyRequest, createdAt: string): Promise<CreatedKey> {
  const base = { id: draft.id, keyPrefix: draft.secret.slice(0, 8), createdAt };
  if (request.kind === 'publishable') {
    if (!(await tx.comuni.get(request.comuneId))) throw new DomainError('not_found', { comuneId: request.comuneId });
    await tx.apiKeys.insert({ ...base, kind: 'publishable', comuneId: request.comuneId, agentId: null, terminalId: null, allowedOrigins: request.allowedOrigins }, draft.hash);
    return { id: draft.id, kind: 'publishable', secret: draft.secret, terminalId: null };
  }
  const agent = await tx.agents.get(request.agentId);
  if (!agent) throw new DomainError('not_found', { agentId: request.agentId });
  const terminalId = ids.id('trm');
  await tx.terminals.insert({ id: terminalId, comuneId: agent.comuneId, agentId: agent.id, label: request.label }, createdAt);
  await tx.apiKeys.insert({ ...base, kind: 'terminal', comuneId: agent.comuneId, agentId: agent.id, terminalId, allowedOrigins: [] }, draft.hash);
  return { id: draft.id, kind: 'terminal', secret: draft.secret, terminalId };
}

/** Issues a key: the secret is returned once, only its hash is stored. */
export async function createApiKey(ctx: EngineContext, request: KeyRequest): Promise<CreatedKey> {
  const draft = await draftKey(ctx, request.kind);
  return ctx.store.transaction((tx) => insertKey(tx, ctx.ids, draft, request, ctx.clock.now().toISOString()));
}

/** The principal of an active key, or undefined for an unknown or revoked one; a suspended shop's key throws `agent_suspended`. */
export async function authenticate(ctx: EngineContext, secret: string): Promise<Principal | undefined> {
  const hash = await hashApiKey(ctx, secret);
  const row = await ctx.store.read((tx) => tx.apiKeys.byHash(hash));
  if (!row || row.revokedAt) return undefined;
  // A suspended shop's key is genuine but may not be used: 403, not 401, so the shopkeeper knows why.
  if (row.agentSuspendedAt !== null) throw new DomainError('agent_suspended');
  return principalOf(row);
}

function principalOf(row: ApiKeyRow & { agentName: string | null }): Principal {
  if (row.kind === 'terminal') return { kind: 'terminal', keyId: row.id, comuneId: row.comuneId, agentId: row.agentId!, agentName: row.agentName!, terminalId: row.terminalId! };
  return { kind: 'publishable', keyId: row.id, comuneId: row.comuneId, allowedOrigins: row.allowedOrigins };
}

export function listApiKeys(ctx: EngineContext, comuneId?: string): Promise<ApiKeyRow[]> {
  return ctx.store.read((tx) => tx.apiKeys.list(comuneId));
}

/** Revokes an active key at once; `not_found` when there is no such active key. */
export async function revokeApiKey(ctx: EngineContext, keyId: string): Promise<void> {
  const revoked = await ctx.store.transaction((tx) => tx.apiKeys.revoke(keyId, ctx.clock.now().toISOString()));
  if (!revoked) throw new DomainError('not_found', { keyId });
}
