import type { ConnectorCredit, ConnectorKind, ConnectorPaidNotice } from '@pay-box/contract';

/** A connector as stored: where a comune's credits of some services live, and how to reach them. */
export interface ConnectorRow {
  id: string;
  comuneId: string;
  kind: ConnectorKind;
  name: string;
  url: string;
  /** http: the `whsec_` secret requests are signed with; gpd: the Ocp-Apim-Subscription-Key. */
  secret: string;
  /** gpd: the creditor institution's fiscal code at pagoPA; null for http. */
  organizationFiscalCode: string | null;
  timeoutMs: number;
  enabled: boolean;
  createdAt: string;
  updatedAt: string;
}

export interface ConnectorRepository {
  list(comuneId: string): Promise<ConnectorRow[]>;
  get(comuneId: string, id: string): Promise<ConnectorRow | undefined>;
  insert(row: ConnectorRow): Promise<void>;
  update(row: ConnectorRow): Promise<void>;
  /** Points each of the comune's services at a connector, or back at Pay-Box's own store (null). */
  assignServices(comuneId: string, connectorId: string | null, serviceIds: string[]): Promise<void>;
}

/** Why a source could not answer: all of them are `source_unavailable` to the caller. */
export type SourceFailure = 'timeout' | 'unreachable' | 'http_status' | 'invalid_answer' | 'disabled' | 'refused_url';

/** Thrown by a connector that did not answer usably in time: the lookup or payment fails, nothing is paid. */
export class SourceUnavailableError extends Error {
  override readonly name = 'SourceUnavailableError';
  constructor(
    readonly failure: SourceFailure,
    message: string,
  ) {
    super(message);
  }
}

/**
 * A comune's own credit system, as the engine sees it. Called before or after a unit of work, never
 * inside one. Every answer has been validated (a garbled one is a `SourceUnavailableError`).
 */
export interface CreditConnector {
  /** The credit with this notice number, in any status; undefined when the source does not know it. */
  byNoticeNumber(noticeNumber: string): Promise<ConnectorCredit | undefined>;
  /** A debtor's credits of one service, in any status. */
  byDebtor(debtorTaxCode: string, serviceCode: string): Promise<ConnectorCredit[]>;
  /** Tells the source the credit is paid; resolves once it acknowledged. The same notice may come again (a retry) and is acknowledged again. */
  markPaid(notice: ConnectorPaidNotice): Promise<void>;
}

/**
 * Opens the connector a row describes, for the codes of the services assigned to it: the runtime
 * supplies the HTTP clients (the reference server: fetch with time-outs and its URL guard).
 */
export interface CreditConnectors {
  open(row: ConnectorRow, serviceCodes: string[]): CreditConnector;
}

/** Without a runtime's connectors (the SDK's mock): every external source is unavailable. */
export const noCreditConnectors: CreditConnectors = {
  open: () => {
    const unavailable = async (): Promise<never> => {
      throw new SourceUnavailableError('unreachable', 'no credit connectors in this runtime');
    };
    return { byNoticeNumber: unavailable, byDebtor: unavailable, markPaid: unavailable };
  },
};
