import type { StaffSession } from '@pay-box/contract';
import type { ApiResponse, TestServer } from './test-server.js';

/** A browser of the cruscotto, as far as the API sees one: its session cookie and CSRF token. */
export interface StaffClient {
  session: StaffSession;
  cookie: string;
  /** Calls the staff API with the cookie and, on a change, the CSRF token. */
  api<T = any>(path: string, options?: { method?: string; body?: unknown; rawBody?: string; headers?: Record<string, string> }): Promise<ApiResponse<T>>;
}

/** The session token in a Set-Cookie header, or undefined. */
export const sessionCookieOf = (response: ApiResponse): string | undefined => /paybox_session=([^;]+)/.exec(response.headers.get('set-cookie') ?? '')?.[1];

/** Logs in over HTTP (the demo's admin by default) and returns a client holding the session. */
export async function logIn(server: TestServer, credentials: { email: string; password: string } = server.demo.staff): Promise<StaffClient> {
  const response = await server.api<StaffSession>('/v1/admin/session', { key: null, body: credentials });
  const token = sessionCookieOf(response);
  if (response.status !== 201 || !token) throw new Error(`login of ${credentials.email} failed: ${response.status} ${response.text}`);
  const cookie = `paybox_session=${token}`;
  const session = response.body;
  return {
    session,
    cookie,
    api: (path, { method, body, rawBody, headers = {} } = {}) => {
      const verb = method ?? (body !== undefined || rawBody !== undefined ? 'POST' : 'GET');
      return server.api(path, {
        method: verb,
        key: null,
        ...(body !== undefined && { body }),
        ...(rawBody !== undefined && { rawBody }),
        headers: { cookie, ...(verb === 'GET' ? {} : { 'x-csrf-token': session.csrfToken }), ...headers },
      });
    },
  };
}

/**
 * A user of the demo comune with `role`, created by the demo admin through the API, logged in.
 * Each call makes a new user: emails are unique.
 */
export async function staffWithRole(server: TestServer, admin: StaffClient, role: 'viewer' | 'operator' | 'admin'): Promise<StaffClient> {
  const email = `${role}.${Math.random().toString(36).slice(2, 10)}@comune.valdimonte.example`;
  const password = `${role} password of the test`;
  const created = await admin.api('/v1/admin/users', { body: { email, name: `Test ${role}`, role, password } });
  if (created.status !== 201) throw new Error(`could not create a ${role}: ${created.text}`);
  return logIn(server, { email, password });
}
