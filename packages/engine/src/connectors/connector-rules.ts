import { noCreditConnectors, type CreditConnectors } from '../ports/credit-connectors.js';

const SECOND = 1000;
const HOUR = 60 * 60 * SECOND;

export interface ConnectorOptions {
  /** The runtime's HTTP clients for the comune's systems. */
  connectors: CreditConnectors;
  /**
   * The write-back kind's retry policy: backoff from `retryBaseMs`, doubled per failure up to
   * `retryMaxMs`; dead (for an admin to send again) once `giveUpAfterMs` passed since the payment.
   */
  writeBack: { retryBaseMs: number; retryMaxMs: number; giveUpAfterMs: number };
}

/** Retried for a week, at most an hour apart: a comune's system down over a long weekend still hears of every payment. */
export const defaultConnectorOptions: ConnectorOptions = {
  connectors: noCreditConnectors,
  writeBack: { retryBaseMs: 5 * SECOND, retryMaxMs: HOUR, giveUpAfterMs: 7 * 24 * HOUR },
};
