import type { TestServer } from './test-server.js';

/** A second comune with its own admin, written as onboarding would: cross-comune tests log in as it. */
export async function addComuneWithAdmin(server: TestServer): Promise<{ email: string; password: string }> {
  const credentials = { email: 'admin@comune.altrove.example', password: 'altrove admin password' };
  const passwordHash = await server.engine.context.passwords.hash(credentials.password);
  const at = new Date().toISOString();
  await server.store.transaction(async (tx) => {
    await tx.comuni.insert({ id: 'com_Altrove000000001', fiscalCode: '00000000001', name: 'Comune di Altrove', treasuryIban: 'IT60X0542811101000000123456', segregationCode: '02' }, at);
    await tx.staffUsers.insert({ id: 'usr_Altrove000000001', comuneId: 'com_Altrove000000001', email: credentials.email, name: 'Admin Altrove', passwordHash, role: 'admin', disabledAt: null }, at);
  });
  return credentials;
}
