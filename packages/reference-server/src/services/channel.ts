import type { Channel } from '../db/repositories/tenants.js';
import type { Principal } from './principal.js';

/** Terminals collect at a shop; publishable keys are the comune's web site. */
export function channelOf(principal: Principal): Channel {
  return principal.kind === 'terminal' ? 'agent' : 'web';
}
