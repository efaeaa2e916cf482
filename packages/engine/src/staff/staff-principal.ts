import { DomainError } from '../errors.js';
import type { StaffRole } from '../ports/rows.js';

/**
 * A member of staff, as established by their session cookie: its own kind, never an API key's
 * principal, so no use case of a terminal or a web page can be reached with it, nor the other way.
 */
export interface StaffPrincipal {
  kind: 'staff';
  userId: string;
  email: string;
  /** Null for platform staff, who work above any comune. */
  comuneId: string | null;
  role: StaffRole;
  sessionId: string;
  csrfToken: string;
}

/** A comune's staff member: every use case of the cruscotto is scoped to this comune. */
export type ComuneStaffPrincipal = StaffPrincipal & { comuneId: string; role: Exclude<StaffRole, 'platform'> };

const rank: Record<Exclude<StaffRole, 'platform'>, number> = { viewer: 0, operator: 1, admin: 2 };

/** The comune staff principal when its role is at least `minimum`; 403 otherwise. */
export function requireComuneRole(principal: StaffPrincipal, minimum: Exclude<StaffRole, 'platform'>): ComuneStaffPrincipal {
  if (principal.comuneId === null || principal.role === 'platform') throw new DomainError('role_forbidden', { reason: 'platform staff use /v1/platform' });
  if (rank[principal.role] < rank[minimum]) throw new DomainError('role_forbidden', { needs: minimum, role: principal.role });
  return principal as ComuneStaffPrincipal;
}

/** Platform staff only: onboarding and money settings of any comune. */
export function requirePlatform(principal: StaffPrincipal): StaffPrincipal & { role: 'platform'; comuneId: null } {
  if (principal.role !== 'platform' || principal.comuneId !== null) throw new DomainError('role_forbidden', { needs: 'platform', role: principal.role });
  return principal as StaffPrincipal & { role: 'platform'; comuneId: null };
}
