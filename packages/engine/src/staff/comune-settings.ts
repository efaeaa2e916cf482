import type { PublishableKey, PublishableKeyCreated, ServicesImportResult } from '@pay-box/contract';
import { draftKey, insertKey } from '../auth/api-keys.js';
import type { EngineContext } from '../context.js';
import { DomainError } from '../errors.js';
import type { ApiKeyRow } from '../ports/rows.js';
import { importServices } from '../platform/import-services.js';
import { recordStaffAction } from './staff-actions.js';
import { requireComuneRole, type StaffPrincipal } from './staff-principal.js';

/** What a comune's admin sets up alone: its services and their forms, and the keys of its web site. */

const view = ({ id, keyPrefix, allowedOrigins, createdAt, revokedAt }: ApiKeyRow): PublishableKey => ({ id, keyPrefix, allowedOrigins, createdAt, revokedAt });

export async function listPublishableKeys(ctx: EngineContext, principal: StaffPrincipal): Promise<PublishableKey[]> {
  const admin = requireComuneRole(principal, 'admin');
  return (await ctx.store.read((tx) => tx.apiKeys.list(admin.comuneId))).filter((key) => key.kind === 'publishable').map(view);
}

/**
 * A new key for the comune's site, for the origins given. Allowed origins change by issuing a new
 * key and revoking the old one once the pages use it: a page never breaks between the two.
 */
export async function createPublishableKey(ctx: EngineContext, principal: StaffPrincipal, allowedOrigins: string[]): Promise<PublishableKeyCreated> {
  const admin = requireComuneRole(principal, 'admin');
  const draft = await draftKey(ctx, 'publishable');
  const at = ctx.clock.now().toISOString();
  return ctx.store.transaction(async (tx) => {
    await insertKey(tx, ctx.ids, draft, { kind: 'publishable', comuneId: admin.comuneId, allowedOrigins }, at);
    await recordStaffAction(tx, admin, { action: 'publishable_key.create', subjectId: draft.id, details: { allowedOrigins } }, at);
    const key = (await tx.apiKeys.list(admin.comuneId)).find((row) => row.id === draft.id)!;
    return { key: view(key), secret: draft.secret };
  });
}

export async function revokePublishableKey(ctx: EngineContext, principal: StaffPrincipal, keyId: string): Promise<void> {
  const admin = requireComuneRole(principal, 'admin');
  const at = ctx.clock.now().toISOString();
  await ctx.store.transaction(async (tx) => {
    const key = (await tx.apiKeys.list(admin.comuneId)).find((row) => row.id === keyId && row.kind === 'publishable');
    if (!key) throw new DomainError('publishable_key_not_found');
    if (key.revokedAt === null) {
      await tx.apiKeys.revoke(keyId, at);
      await recordStaffAction(tx, admin, { action: 'publishable_key.revoke', subjectId: keyId }, at);
    }
  });
}

/** The comune's services from a YAML or JSON file, as the platform imports them, fees left out. */
export function importComuneServices(ctx: EngineContext, principal: StaffPrincipal, file: string): Promise<ServicesImportResult> {
  const admin = requireComuneRole(principal, 'admin');
  return importServices(ctx, { audit: admin, mayImportFees: false }, admin.comuneId, file);
}
