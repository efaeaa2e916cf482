import type { Channel } from '../ports/rows.js';

/** Who is calling, as established by the API key. Every query is scoped by it. */
export type Principal =
  | { kind: 'terminal'; keyId: string; comuneId: string; agentId: string; agentName: string; terminalId: string }
  | { kind: 'publishable'; keyId: string; comuneId: string; allowedOrigins: string[] };

export type TerminalPrincipal = Extract<Principal, { kind: 'terminal' }>;
export type PublishablePrincipal = Extract<Principal, { kind: 'publishable' }>;

/** Terminals collect at a shop; publishable keys are the comune's web site. */
export function channelOf(principal: Principal): Channel {
  return principal.kind === 'terminal' ? 'agent' : 'web';
}
