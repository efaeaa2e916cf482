import { constantTimeEqual, DomainError, type Engine } from '@pay-box/engine';
import type { Context } from 'hono';
import { deleteCookie, getCookie, setCookie } from 'hono/cookie';
import { createMiddleware } from 'hono/factory';
import type { AppEnv } from './env.js';

export const SESSION_COOKIE = 'paybox_session';
/** The staff API lives under these: a session cookie there, never CORS. */
export const staffPathPrefixes = ['/v1/admin/', '/v1/platform/'] as const;
export const isStaffPath = (path: string) => staffPathPrefixes.some((prefix) => path.startsWith(prefix)) || path === '/v1/admin' || path === '/v1/platform';

const safeMethods = new Set(['GET', 'HEAD', 'OPTIONS']);

/**
 * Staff routes: resolves the session cookie to a staff principal, and refuses a change that a
 * page of another origin could have sent (CSRF). The cookie is SameSite=Strict already; on top of
 * it a change must carry the session's token in `X-CSRF-Token`, and an `Origin`, when the browser
 * sends one, must be this server's own. The login is checked for origin too (login CSRF).
 */
export const staffSession = (engine: Engine) =>
  createMiddleware<AppEnv>(async (c, next) => {
    const unsafe = !safeMethods.has(c.req.method);
    if (unsafe) assertOwnOrigin(c, engine.settings.publicUrl);
    const token = getCookie(c, SESSION_COOKIE);
    const staff = token === undefined ? undefined : await engine.staff.authenticate(token);
    if (staff) {
      if (unsafe && !constantTimeEqual(c.req.header('x-csrf-token') ?? '', staff.csrfToken)) throw new DomainError('csrf_failed');
      c.set('staff', staff);
    } else if (token !== undefined) {
      deleteCookie(c, SESSION_COOKIE, { path: '/v1' });
    }
    await next();
  });

function assertOwnOrigin(c: Context<AppEnv>, publicUrl: string): void {
  const origin = c.req.header('origin');
  if (origin === undefined) return;
  const own = new Set([new URL(c.req.url).origin, new URL(publicUrl).origin]);
  if (!own.has(origin)) throw new DomainError('csrf_failed', { reason: `origin ${origin} is not this server's` });
}

/** Sets the session cookie: HttpOnly, SameSite=Strict, Secure behind TLS, sent only to the API. */
export function setSessionCookie(c: Context<AppEnv>, token: string, publicUrl: string, maxAgeSeconds: number): void {
  const secure = new URL(publicUrl).protocol === 'https:' || new URL(c.req.url).protocol === 'https:';
  setCookie(c, SESSION_COOKIE, token, { httpOnly: true, sameSite: 'Strict', secure, path: '/v1', maxAge: maxAgeSeconds });
}

export function clearSessionCookie(c: Context<AppEnv>): void {
  deleteCookie(c, SESSION_COOKIE, { path: '/v1' });
}
