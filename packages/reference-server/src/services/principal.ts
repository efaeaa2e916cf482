/** Who is calling, as established by the API key. Every query is scoped by it. */
export type Principal =
  | { kind: 'terminal'; keyId: string; comuneId: string; agentId: string; terminalId: string }
  | { kind: 'publishable'; keyId: string; comuneId: string; allowedOrigins: string[] };

export type TerminalPrincipal = Extract<Principal, { kind: 'terminal' }>;

/** Staff (later) see debtors in full; keys that reach shops and browsers see them masked. */
export function seesPersonalData(principal: Principal): boolean {
  return principal.kind !== 'terminal' && principal.kind !== 'publishable';
}
