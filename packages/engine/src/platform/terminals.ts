import { normalizeVerificationCode, type PairedTerminal, type PairingCode } from '@pay-box/contract';
import { draftKey, insertKey } from '../auth/api-keys.js';
import type { TerminalPrincipal } from '../auth/principal.js';
import type { EngineContext } from '../context.js';
import { DomainError } from '../errors.js';
import type { TerminalListing } from '../ports/rows.js';
import { recordStaffAction } from '../staff/staff-actions.js';
import { auditActor, type PlatformActor } from './platform-actor.js';

/** A pairing code lives ten minutes: long enough to walk to the new terminal and type it, too short to guess. */
export const PAIRING_CODE_TTL_MS = 10 * 60_000;

/** Who asks for a pairing code: platform staff, or one of the shop's own terminals (a shop adding a till). */
export type PairingRequester = { kind: 'platform'; actor: PlatformActor } | { kind: 'terminal'; principal: TerminalPrincipal };

/**
 * A one-time code that a new terminal of the shop exchanges for its secret key (`pairTerminal`), so
 * nobody types or mails a 32-character secret. Twelve Crockford base32 characters (60 bits), only
 * their hash stored; the exchange is rate limited per address by the API.
 */
export async function createPairingCode(ctx: EngineContext, requester: PairingRequester, agentId: string, label: string): Promise<PairingCode> {
  const code = ctx.ids.verificationCode();
  const codeHash = await ctx.sha256(`pairing:${code}`);
  const now = ctx.clock.now();
  const expiresAt = new Date(now.getTime() + PAIRING_CODE_TTL_MS).toISOString();
  await ctx.store.transaction(async (tx) => {
    const agent = await tx.agents.get(agentId);
    if (!agent || (requester.kind === 'terminal' && requester.principal.agentId !== agentId)) throw new DomainError('agent_not_found');
    if ((await tx.agents.status(agentId))?.suspendedAt) throw new DomainError('agent_suspended');
    const createdBy = requester.kind === 'platform' ? requester.actor.email : `terminal ${requester.principal.terminalId}`;
    await tx.terminalPairings.insert({ codeHash, comuneId: agent.comuneId, agentId, label, createdBy, createdAt: now.toISOString(), expiresAt, usedAt: null, terminalId: null });
    const actor = requester.kind === 'platform' ? auditActor(requester.actor) : { comuneId: agent.comuneId, userId: null, email: createdBy };
    await recordStaffAction(tx, actor, { action: 'terminal.pairing_code', subjectId: agentId, details: { label, expiresAt } }, now.toISOString());
  });
  return { code, agentId, label, expiresAt };
}

/** Exchanges a pairing code, once and before it expires, for a new terminal and its secret key. */
export async function pairTerminal(ctx: EngineContext, typedCode: string): Promise<PairedTerminal> {
  const codeHash = await ctx.sha256(`pairing:${normalizeVerificationCode(typedCode)}`);
  const key = await draftKey(ctx, 'terminal');
  const now = ctx.clock.now().toISOString();
  return ctx.store.transaction(async (tx) => {
    const pairing = await tx.terminalPairings.byCodeHash(codeHash, { lock: true });
    if (!pairing || pairing.usedAt !== null || pairing.expiresAt <= now) throw new DomainError('pairing_code_invalid');
    if ((await tx.agents.status(pairing.agentId))?.suspendedAt) throw new DomainError('agent_suspended');
    const created = await insertKey(tx, ctx.ids, key, { kind: 'terminal', agentId: pairing.agentId, label: pairing.label }, now);
    const terminalId = created.terminalId!;
    if (!(await tx.terminalPairings.markUsed(codeHash, terminalId, now))) throw new DomainError('pairing_code_invalid');
    await recordStaffAction(tx, { comuneId: pairing.comuneId, userId: null, email: pairing.createdBy }, { action: 'terminal.paired', subjectId: terminalId, details: { agentId: pairing.agentId, label: pairing.label } }, now);
    return { terminalId, agentId: pairing.agentId, comuneId: pairing.comuneId, label: pairing.label, secretKey: created.secret };
  });
}

export async function listTerminals(ctx: EngineContext, agentId: string): Promise<Array<Omit<TerminalListing, 'revokedAt'> & { revoked: boolean }>> {
  return ctx.store.read(async (tx) => {
    if (!(await tx.agents.get(agentId))) throw new DomainError('agent_not_found');
    return (await tx.terminals.listByAgent(agentId)).map(({ revokedAt, ...terminal }) => ({ ...terminal, revoked: revokedAt !== null }));
  });
}

/** Revokes a terminal's key at once (a lost or replaced POS); its payments stay. */
export async function revokeTerminal(ctx: EngineContext, actor: PlatformActor, terminalId: string): Promise<void> {
  const at = ctx.clock.now().toISOString();
  await ctx.store.transaction(async (tx) => {
    const terminal = await tx.terminals.get(terminalId);
    if (!terminal) throw new DomainError('terminal_not_found');
    const keys = (await tx.terminals.listByAgent(terminal.agentId)).filter((listing) => listing.id === terminalId && listing.keyId !== null && listing.revokedAt === null);
    for (const listing of keys) await tx.apiKeys.revoke(listing.keyId!, at);
    await recordStaffAction(tx, auditActor(actor), { action: 'terminal.revoke', subjectId: terminalId, details: { agentId: terminal.agentId } }, at);
  });
}

