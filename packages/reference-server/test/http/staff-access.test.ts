import { operations, type Operation, type OperationId } from '@pay-box/api';
import type { StaffRole } from '@pay-box/contract';
import { LOGIN_FAILURE_LIMIT, SESSION_IDLE_MS, type Clock } from '@pay-box/engine';
import { demoComune, demoStaff } from '@pay-box/engine/demo';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { expectApiError } from '../support/expect-api-error.js';
import { sampleRequests } from '../support/operation-samples.js';
import { addComuneWithAdmin } from '../support/second-comune.js';
import { logIn, staffWithRole, type StaffClient } from '../support/staff-client.js';
import { startTestServer, type TestServer } from '../support/test-server.js';

/** A clock the test moves: session expiry and lock-outs without waiting. */
const movableClock = () => {
  let offsetMs = 0;
  return { now: () => new Date(Date.now() + offsetMs), advance: (ms: number) => void (offsetMs += ms) } satisfies Clock & { advance(ms: number): void };
};

const staffOperations = (Object.keys(operations) as OperationId[])
  .map((id) => [id, operations[id] as Operation] as const)
  .filter(([, operation]) => operation.security.includes('staffSession'));

const rank: Record<Exclude<StaffRole, 'platform'>, number> = { viewer: 0, operator: 1, admin: 2 };

describe('staff access to the cruscotto', () => {
  const clock = movableClock();
  let server: TestServer;
  let admin: StaffClient;
  beforeAll(async () => {
    server = await startTestServer({ clock });
    admin = await logIn(server);
  });
  afterAll(() => server.dispose());

  it('logs in with the demo staff user: an HttpOnly, SameSite=Strict cookie for the API only, and a CSRF token', async () => {
    const response = await server.api('/v1/admin/session', { key: null, body: { email: demoStaff.email.toUpperCase(), password: server.demo.staff.password } });
    expect(response.status).toBe(201);
    const cookie = response.headers.get('set-cookie')!;
    expect(cookie).toMatch(/^paybox_session=[0-9A-Za-z]{43};/);
    expect(cookie).toMatch(/HttpOnly/);
    expect(cookie).toMatch(/SameSite=Strict/);
    expect(cookie).toMatch(/Path=\/v1/);
    expect(cookie, 'plain http in the test: no Secure flag').not.toMatch(/Secure/);
    expect(response.body).toMatchObject({ user: { email: demoStaff.email, role: 'admin' }, comune: { id: demoComune.id, name: demoComune.name }, csrfToken: expect.stringMatching(/^\w{32}$/) });
    expect(response.headers.get('access-control-allow-origin'), 'no CORS on the staff API').toBeNull();
  });

  it('says the same for an unknown email and a wrong password, and stores only a hash of the session', async () => {
    const unknown = await server.api('/v1/admin/session', { key: null, body: { email: 'nobody@comune.valdimonte.example', password: server.demo.staff.password } });
    const wrong = await server.api('/v1/admin/session', { key: null, body: { email: demoStaff.email, password: 'wrong password' } });
    expectApiError(unknown, { code: 'login_failed', operation: 'createStaffSession' });
    expectApiError(wrong, { code: 'login_failed', operation: 'createStaffSession' });
    expect(unknown.headers.get('set-cookie')).toBeNull();
    const token = admin.cookie.split('=')[1]!;
    expect(await server.query('SELECT id FROM staff_sessions WHERE id = ?', token)).toEqual([]);
    const [user] = await server.query<{ password_hash: string }>('SELECT password_hash FROM staff_users WHERE email = ?', demoStaff.email);
    expect(user!.password_hash).toMatch(/^scrypt\$ln=17,r=8,p=1\$/);
  });

  it(`locks an email after ${LOGIN_FAILURE_LIMIT} failures, even for the right password, and tells no more about unknown emails`, async () => {
    const victim = await staffWithRole(server, admin, 'viewer');
    const email = victim.session.user.email;
    for (let attempt = 0; attempt < LOGIN_FAILURE_LIMIT; attempt++) {
      expectApiError(await server.api('/v1/admin/session', { key: null, body: { email, password: 'guess' } }), { code: 'login_failed' });
      expectApiError(await server.api('/v1/admin/session', { key: null, body: { email: 'ghost@comune.valdimonte.example', password: 'guess' } }), { code: 'login_failed' });
    }
    for (const who of [email, 'ghost@comune.valdimonte.example']) {
      const locked = await server.api('/v1/admin/session', { key: null, body: { email: who, password: 'viewer password of the test' } });
      expectApiError(locked, { code: 'login_locked', operation: 'createStaffSession' });
      expect(Number(locked.headers.get('retry-after'))).toBeGreaterThan(800);
    }
    // An open session is not affected; after the lock, the right password works again.
    expect((await victim.api('/v1/admin/session')).status).toBe(200);
    clock.advance(16 * 60_000);
    expect((await server.api('/v1/admin/session', { key: null, body: { email, password: 'viewer password of the test' } })).status).toBe(201);
    const log = await admin.api('/v1/admin/audit-log?limit=500');
    expect(log.body.data.filter((line: { action: string; actor: { email: string } }) => line.action === 'login_failed' && line.actor.email === email)).toHaveLength(LOGIN_FAILURE_LIMIT);
    expect(log.body.data.some((line: { actor: { email: string } }) => line.actor.email.startsWith('ghost')), 'unknown emails are in no comune’s log').toBe(false);
  });

  it('refuses a change without the CSRF token, with a wrong one, or from another origin, and changes nothing', async () => {
    const body = { email: 'csrf@comune.valdimonte.example', name: 'CSRF', role: 'viewer', password: 'a long first password' };
    const before = await server.tableCounts();
    expectApiError(await admin.api('/v1/admin/users', { body, headers: { 'x-csrf-token': '' } }), { code: 'csrf_failed', operation: 'createStaffUser' });
    expectApiError(await admin.api('/v1/admin/users', { body, headers: { 'x-csrf-token': 'x'.repeat(32) } }), { code: 'csrf_failed', operation: 'createStaffUser' });
    expectApiError(await admin.api('/v1/admin/users', { body, headers: { origin: 'https://evil.example' } }), { code: 'csrf_failed', operation: 'createStaffUser' });
    expectApiError(await server.api('/v1/admin/session', { key: null, body: { email: demoStaff.email, password: server.demo.staff.password }, headers: { origin: 'https://evil.example' } }), {
      code: 'csrf_failed',
      operation: 'createStaffSession',
    });
    expect(await server.tableCounts()).toEqual(before);
    expect((await admin.api('/v1/admin/users', { body, headers: { origin: server.url } })).status).toBe(201);
  });

  it('answers a preflight from another origin without allowing it', async () => {
    const response = await fetch(`${server.url}/v1/admin/users`, { method: 'OPTIONS', headers: { origin: 'https://evil.example', 'access-control-request-method': 'POST' } });
    expect(response.headers.get('access-control-allow-origin')).toBeNull();
    expect(response.headers.get('access-control-allow-credentials')).toBeNull();
  });

  it('ends a session after 30 idle minutes, and at logout', async () => {
    const staff = await logIn(server);
    clock.advance(SESSION_IDLE_MS - 60_000);
    expect((await staff.api('/v1/admin/session')).status, 'still alive: each request moves the idle end on').toBe(200);
    clock.advance(SESSION_IDLE_MS - 60_000);
    expect((await staff.api('/v1/admin/session')).status).toBe(200);
    clock.advance(SESSION_IDLE_MS + 1);
    const expired = await staff.api('/v1/admin/session');
    expectApiError(expired, { code: 'session_required', operation: 'getStaffSession' });
    expect(expired.headers.get('set-cookie'), 'the dead cookie is cleared').toMatch(/paybox_session=;/);

    const other = await logIn(server);
    expect((await other.api('/v1/admin/session', { method: 'DELETE' })).status).toBe(204);
    expectApiError(await other.api('/v1/admin/session'), { code: 'session_required' });
    admin = await logIn(server);
  });

  it('ends the sessions of a user who is disabled or gets a new password', async () => {
    const operator = await staffWithRole(server, admin, 'operator');
    await admin.api(`/v1/admin/users/${operator.session.user.id}`, { method: 'PATCH', body: { disabled: true } });
    expectApiError(await operator.api('/v1/admin/session'), { code: 'session_required' });
    expectApiError(await server.api('/v1/admin/session', { key: null, body: { email: operator.session.user.email, password: 'operator password of the test' } }), { code: 'login_failed' });
  });

  it('refuses API keys on every staff route, and a staff cookie on the key routes', async () => {
    for (const [id, operation] of staffOperations.filter(([, operation]) => operation.security.length > 0)) {
      const { path, ...request } = sampleRequests[id];
      const response = await server.api(path, { ...request, method: operation.method.toUpperCase(), key: server.demo.terminalKey });
      expectApiError(response, { code: 'forbidden', operation: id });
      expectApiError(await server.api(path, { ...request, method: operation.method.toUpperCase(), key: null }), { code: 'session_required', operation: id });
    }
    const lookup = await server.api('/v1/agent/balance', { key: null, headers: { cookie: admin.cookie } });
    expectApiError(lookup, { code: 'unauthorized', operation: 'getAgentBalance' });
  });

  describe('the role matrix: each role on each staff route', () => {
    const clients = {} as Record<'viewer' | 'operator' | 'admin', StaffClient>;
    beforeAll(async () => {
      for (const role of ['viewer', 'operator', 'admin'] as const) clients[role] = await staffWithRole(server, admin, role);
    });

    const cases = staffOperations
      .filter(([id]) => id !== 'createStaffSession' && id !== 'deleteStaffSession')
      .flatMap(([id, operation]) => (['viewer', 'operator', 'admin'] as const).map((role) => [id, role, operation] as const));
    it.each(cases)('%s as %s', async (id, role, operation) => {
      const { path, body } = sampleRequests[id];
      const response = await clients[role].api(path, { method: operation.method.toUpperCase(), ...(body !== undefined && { body }) });
      const minimum = operation.staffRole;
      if (minimum !== undefined && (minimum === 'platform' || rank[role] < rank[minimum])) {
        expectApiError(response, { code: 'role_forbidden', operation: id });
        expect(JSON.stringify(response.body)).not.toMatch(/"data"/);
      } else {
        expect([401, 403], `${id} as ${role}: ${response.text}`).not.toContain(response.status);
      }
    });
  });

  describe('another comune’s staff', () => {
    let stranger: StaffClient;
    beforeAll(async () => {
      stranger = await logIn(server, await addComuneWithAdmin(server));
    });

    it('sees none of this comune’s users or log, and cannot change them', async () => {
      const users = await stranger.api('/v1/admin/users');
      expect(users.body.data.map((user: { email: string }) => user.email)).toEqual(['admin@comune.altrove.example']);
      const log = await stranger.api('/v1/admin/audit-log');
      expect(log.body.data.every((line: { actor: { email: string } }) => line.actor.email === 'admin@comune.altrove.example')).toBe(true);
      expectApiError(await stranger.api(`/v1/admin/users/${admin.session.user.id}`, { method: 'PATCH', body: { role: 'viewer' } }), {
        code: 'staff_user_not_found',
        operation: 'updateStaffUser',
      });
      expect((await admin.api('/v1/admin/session')).body.user.role).toBe('admin');
    });
  });
});
