import { pairedTerminalSchema, pairingCodeRequestSchema, pairingCodeSchema, terminalPairRequestSchema } from '@pay-box/contract';
import { common, writes, type Operation } from './operation.js';

/** A new terminal gets its key by a one-time code instead of a typed secret. */
export const terminalPairingOperations = {
  pairTerminal: {
    operationId: 'pairTerminal',
    method: 'post',
    path: '/v1/terminals/pair',
    tag: 'Agent',
    summary: 'Pair a new terminal',
    description:
      'Exchanges a one-time pairing code (from the platform, or from another terminal of the shop) for the new terminal\'s secret key, shown only in this answer. A code works once and for 10 minutes; attempts are limited per address.',
    security: [],
    idempotent: false,
    body: terminalPairRequestSchema,
    success: { status: 201, response: { description: 'The terminal and its secret key: store it now.', schema: pairedTerminalSchema } },
    errors: ['validation_failed', 'unauthorized', 'forbidden', 'pairing_code_invalid', 'agent_suspended', 'rate_limited', 'payload_too_large', 'unsupported_media_type', 'internal_error', 'service_unavailable'],
    example: { body: { code: 'K7QF-3MZP-W2HD' } },
  },
  createAgentPairingCode: {
    operationId: 'createAgentPairingCode',
    method: 'post',
    path: '/v1/agent/pairing-codes',
    tag: 'Agent',
    summary: 'A pairing code for another terminal of this shop',
    description: "A shop adds a till: one of its terminals asks for a one-time code (10 minutes) that the new terminal exchanges with POST /v1/terminals/pair.",
    security: ['terminalKey'],
    idempotent: false,
    body: pairingCodeRequestSchema,
    success: { status: 201, response: { description: 'The code, shown once.', schema: pairingCodeSchema } },
    errors: [...common, ...writes.filter((code) => !code.startsWith('idempotency') && code !== 'request_in_progress'), 'agent_suspended'],
    example: { body: { label: 'Cassa 2' } },
  },
} as const satisfies Record<string, Operation>;
