import type { Operation } from '../operation.js';
import { staffAccessOperations } from './staff-access.js';
import { reconciliationOperations } from './reconciliation.js';
import { gestionaleOperations } from './gestionale.js';
import { liveOperations } from './live.js';
import { settingsOperations } from './settings.js';
import { webhookOperations } from './webhooks.js';
import { connectorOperations } from './connectors.js';

/** The staff API (`/v1/admin/*`, the cruscotto's), one file per area. */
export const adminOperations = {
  ...staffAccessOperations,
  ...reconciliationOperations,
  ...gestionaleOperations,
  ...liveOperations,
  ...webhookOperations,
  ...connectorOperations,
  ...settingsOperations,
} as const satisfies Record<string, Operation>;
