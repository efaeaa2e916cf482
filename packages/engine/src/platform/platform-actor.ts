import { requirePlatform, type StaffPrincipal } from '../staff/staff-principal.js';

/**
 * Who does a platform operation, for the audit log: a platform user (API, or the CLI with `--as`),
 * or the CLI's operating-system user, who holds the database anyway (userId null). A change of money
 * settings needs two platform users, so it needs a userId.
 */
export interface PlatformActor {
  userId: string | null;
  email: string;
}

export function platformActorOf(principal: StaffPrincipal): PlatformActor {
  const platform = requirePlatform(principal);
  return { userId: platform.userId, email: platform.email };
}

/** The audit log's actor for a platform action: the platform's own log (no comune). */
export const auditActor = (actor: PlatformActor) => ({ comuneId: null, userId: actor.userId, email: actor.email });
