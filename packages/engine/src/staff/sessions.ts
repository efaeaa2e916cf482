import type { StaffSession } from '@pay-box/contract';
import type { EngineContext } from '../context.js';
import { DomainError } from '../errors.js';
import type { LoginFailureRow, StaffUserRow } from '../ports/rows.js';
import { recordStaffAction } from './staff-actions.js';
import type { StaffPrincipal } from './staff-principal.js';

/** Five wrong passwords within 15 minutes lock the email for 15 minutes (OWASP's advice, and what staff can live with). */
export const LOGIN_FAILURE_LIMIT = 5;
const FAILURE_WINDOW_MS = 15 * 60_000;
const LOCK_MS = 15 * 60_000;
/** A session ends after 30 idle minutes, and 12 hours after login however active. */
export const SESSION_IDLE_MS = 30 * 60_000;
const SESSION_ABSOLUTE_MS = 12 * 60 * 60_000;
/** An active session's last-seen time is written at most this often: not a write per request. */
const TOUCH_EVERY_MS = 60_000;

export interface LoginResult {
  /** The cookie's value: shown once, only its hash is stored. */
  token: string;
  session: StaffSession;
  principal: StaffPrincipal;
}

/** A hash to check unknown emails against, so that they take as long as known ones and tell nothing. */
const decoys = new WeakMap<EngineContext['passwords'], Promise<string>>();
const decoyHash = (ctx: EngineContext) => {
  let hash = decoys.get(ctx.passwords);
  if (!hash) decoys.set(ctx.passwords, (hash = ctx.passwords.hash('decoy password, never anyone’s')));
  return hash;
};

/**
 * Checks an email and password and opens a session. Wrong email and wrong password get the same
 * answer in the same time; failures are counted per email, known or not, and lock it for a while.
 */
export async function logIn(ctx: EngineContext, credentials: { email: string; password: string }): Promise<LoginResult> {
  const { email, password } = credentials;
  const now = ctx.clock.now();
  const { failures, user } = await ctx.store.read(async (tx) => ({ failures: await tx.loginFailures.get(email), user: await tx.staffUsers.byEmail(email) }));
  assertNotLocked(failures, now);

  const usable = user !== undefined && user.disabledAt === null;
  const passwordMatches = await ctx.passwords.verify(password, usable ? user.passwordHash : await decoyHash(ctx));
  if (!usable || !passwordMatches) {
    await recordFailure(ctx, email, user, now);
    throw new DomainError('login_failed');
  }

  const token = ctx.ids.secret(43);
  const sessionId = await ctx.sha256(token);
  const csrfToken = ctx.ids.secret(32);
  const rehashed = ctx.passwords.isCurrent(user.passwordHash) ? null : await ctx.passwords.hash(password);
  const at = now.toISOString();
  const principal: StaffPrincipal = { kind: 'staff', userId: user.id, email: user.email, comuneId: user.comuneId, role: user.role, sessionId, csrfToken };
  await ctx.store.transaction(async (tx) => {
    await tx.loginFailures.clear(email);
    if (rehashed !== null) await tx.staffUsers.update({ ...user, passwordHash: rehashed });
    await tx.staffSessions.insert({ id: sessionId, userId: user.id, csrfToken, createdAt: at, lastSeenAt: at, expiresAt: new Date(now.getTime() + SESSION_ABSOLUTE_MS).toISOString(), endedAt: null });
    await recordStaffAction(tx, principal, { action: 'login' }, at);
  });
  return { token, principal, session: await describeSession(ctx, principal) };
}

function assertNotLocked(failures: LoginFailureRow | undefined, now: Date): void {
  if (failures?.lockedUntil && failures.lockedUntil > now.toISOString()) {
    throw new DomainError('login_locked', { retryAfterSeconds: Math.ceil((Date.parse(failures.lockedUntil) - now.getTime()) / 1000) });
  }
}

async function recordFailure(ctx: EngineContext, email: string, user: (StaffUserRow & { createdAt: string }) | undefined, now: Date): Promise<void> {
  const at = now.toISOString();
  await ctx.store.transaction(async (tx) => {
    const before = await tx.loginFailures.get(email);
    const inWindow = before !== undefined && Date.parse(before.firstFailedAt) > now.getTime() - FAILURE_WINDOW_MS && before.lockedUntil === null;
    const failures = inWindow ? before.failures + 1 : 1;
    const lockedUntil = failures >= LOGIN_FAILURE_LIMIT ? new Date(now.getTime() + LOCK_MS).toISOString() : null;
    await tx.loginFailures.put({ email, failures, firstFailedAt: inWindow ? before.firstFailedAt : at, lockedUntil });
    await recordStaffAction(tx, { comuneId: user?.comuneId ?? null, userId: user?.id ?? null, email }, { action: 'login_failed', details: { failures, locked: lockedUntil !== null } }, at);
  });
}

/** The staff principal of a live session's cookie, or undefined for an unknown, ended, idle or expired one. */
export async function authenticateSession(ctx: EngineContext, token: string): Promise<StaffPrincipal | undefined> {
  if (!/^[0-9A-Za-z]{43}$/.test(token)) return undefined;
  const sessionId = await ctx.sha256(token);
  const now = ctx.clock.now();
  const found = await ctx.store.read(async (tx) => {
    const session = await tx.staffSessions.get(sessionId);
    return session && { session, user: await tx.staffUsers.get(session.userId) };
  });
  if (!found?.user || found.user.disabledAt !== null) return undefined;
  const { session, user } = found;
  if (session.endedAt !== null || idleUntil(session.lastSeenAt) <= now.getTime() || Date.parse(session.expiresAt) <= now.getTime()) return undefined;
  if (now.getTime() - Date.parse(session.lastSeenAt) >= TOUCH_EVERY_MS) {
    await ctx.store.transaction((tx) => tx.staffSessions.touch(sessionId, now.toISOString()));
  }
  return { kind: 'staff', userId: user.id, email: user.email, comuneId: user.comuneId, role: user.role, sessionId, csrfToken: session.csrfToken };
}

const idleUntil = (lastSeenAt: string) => Date.parse(lastSeenAt) + SESSION_IDLE_MS;

/** Who is logged in, and until when: what the cruscotto shows and the CSRF token it sends back. */
export async function describeSession(ctx: EngineContext, principal: StaffPrincipal): Promise<StaffSession> {
  const { user, session, comune } = await ctx.store.read(async (tx) => {
    const user = (await tx.staffUsers.get(principal.userId))!;
    return {
      user,
      session: (await tx.staffSessions.get(principal.sessionId))!,
      comune: user.comuneId === null ? undefined : await tx.comuni.get(user.comuneId),
    };
  });
  const endsAt = Math.min(Date.parse(session.expiresAt), idleUntil(session.lastSeenAt));
  return {
    user: { id: user.id, email: user.email, name: user.name, role: user.role },
    comune: comune ? { id: comune.id, name: comune.name } : null,
    csrfToken: session.csrfToken,
    expiresAt: new Date(endsAt).toISOString(),
  };
}

export async function logOut(ctx: EngineContext, principal: StaffPrincipal): Promise<void> {
  const at = ctx.clock.now().toISOString();
  await ctx.store.transaction(async (tx) => {
    await tx.staffSessions.end(principal.sessionId, at);
    await recordStaffAction(tx, principal, { action: 'logout' }, at);
  });
}
