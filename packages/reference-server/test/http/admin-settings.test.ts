import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { expectApiError } from '../support/expect-api-error.js';
import { addComuneWithAdmin } from '../support/second-comune.js';
import { logIn, type StaffClient } from '../support/staff-client.js';
import { startTestServer, type TestServer } from '../support/test-server.js';

const site = 'https://www.comune.valdimonte.example';
const passiCarrabili = `services:
  - code: PASSI
    name: Passi carrabili
    description: Canone annuale del passo carrabile.
`;

/** What a comune's admin sets up without the payment institution: its services, and its site's keys. */
describe('comune settings', () => {
  let server: TestServer;
  let admin: StaffClient;
  beforeAll(async () => {
    server = await startTestServer();
    admin = await logIn(server);
  });
  afterAll(() => server.dispose());

  it('issues a key for the site shown once, used only from its origins, and revoked at once', async () => {
    const created = await admin.api('/v1/admin/publishable-keys', { body: { allowedOrigins: [`${site}/pagamenti`] } });
    expect(created.status, created.text).toBe(201);
    const { key, secret } = created.body;
    expect(key).toMatchObject({ allowedOrigins: [site], revokedAt: null, keyPrefix: secret.slice(0, 8) });
    const listed = await admin.api('/v1/admin/publishable-keys');
    expect(listed.body.data.map((row: { id: string }) => row.id)).toContain(key.id);
    expect(listed.text).not.toContain(secret);

    expect((await server.api('/v1/points', { key: secret, headers: { origin: site } })).status).toBe(200);
    expectApiError(await server.api('/v1/points', { key: secret, headers: { origin: 'https://evil.example' } }), { code: 'forbidden' });
    expect((await admin.api(`/v1/admin/publishable-keys/${key.id}/revoke`, { method: 'POST' })).status).toBe(204);
    expectApiError(await server.api('/v1/points', { key: secret, headers: { origin: site } }), { code: 'unauthorized' });
    const log = (await admin.api('/v1/admin/audit-log')).body.data.map((line: { action: string }) => line.action);
    expect(log).toEqual(expect.arrayContaining(['publishable_key.create', 'publishable_key.revoke']));
  });

  it('imports a service from a file, and refuses fees, which are the payment institution’s', async () => {
    const withFees = `${passiCarrabili}fees:\n  agent: { citizenFee: 0, agentShare: 0 }\n`;
    const refused = await admin.api('/v1/admin/services/import', { rawBody: withFees, headers: { 'content-type': 'application/yaml' } });
    expectApiError(refused, { code: 'services_file_invalid', operation: 'importAdminServices' });
    expect(refused.body.error.details).toEqual([{ path: 'fees.agent', line: 6, message: expect.stringContaining('payment institution') }]);

    const imported = await admin.api('/v1/admin/services/import', { rawBody: passiCarrabili, headers: { 'content-type': 'application/yaml' } });
    expect(imported.body).toEqual({ services: [{ code: 'PASSI', status: 'created' }], fees: [] });
    const catalogue = await server.api('/v1/services');
    expect(catalogue.body.data.map((service: { code: string }) => service.code)).toContain('PASSI');
  });

  it('keeps another comune’s admin away from this comune’s keys', async () => {
    const [key] = (await admin.api('/v1/admin/publishable-keys')).body.data;
    const stranger = await logIn(server, await addComuneWithAdmin(server));
    expect((await stranger.api('/v1/admin/publishable-keys')).body.data).toEqual([]);
    expectApiError(await stranger.api(`/v1/admin/publishable-keys/${key.id}/revoke`, { method: 'POST' }), { code: 'publishable_key_not_found', operation: 'revokePublishableKey' });
    expect((await admin.api('/v1/admin/publishable-keys')).body.data.find((row: { id: string }) => row.id === key.id).revokedAt, 'still as this comune left it').toBeNull();
  });
});
