/**
 * A bank rail that carries SEPA credit transfers (SCT Inst) from the payment institution to a
 * comune's treasury. The engine's dispatcher is its only caller; a rail never touches the ledger.
 */
export interface TransferOrder {
  /** The payment id: the bank echoes it back and the comune's treasury statement carries it. Max 35 characters. */
  endToEndId: string;
  /** Integer euro cents, > 0. */
  amount: number;
  creditorName: string;
  creditorIban: string;
  /** Unstructured remittance, max 140 characters: `/RFB/<IUV>/<amount>/TXT/<service>`. */
  remittance: string;
}

/** What the bank answers about a transfer it has processed. */
export type RailAnswer = { outcome: 'settled'; bankReference: string } | { outcome: 'rejected'; reasonCode: string; reason: string };

/** Received and still being processed (ISO 20022 ACSP): the answer comes later, by notification or when asked. */
export interface RailProcessing {
  outcome: 'processing';
}

/** What the bank says when asked about a transfer by its EndToEndId. */
export type RailStatus =
  | RailAnswer
  | RailProcessing
  /** The bank never received it: sending it now is the first transfer, not a second one. */
  | { outcome: 'unknown' };

/** Thrown when the bank does not answer in time: the outcome is unknown, ask `status` before anything else. */
export class RailTimeoutError extends Error {
  override readonly name = 'RailTimeoutError';
}

export interface TransferRail {
  /** Sends the transfer; rejects with RailTimeoutError after `timeoutMs` without an answer. */
  send(order: TransferOrder, options: { timeoutMs: number }): Promise<RailAnswer | RailProcessing>;
  status(endToEndId: string, options: { timeoutMs: number }): Promise<RailStatus>;
  /**
   * Answers that arrive outside a `send` call: late answers after a time-out or a processing answer,
   * and duplicates. Returns a function that removes the listener.
   */
  onAnswer(listener: (endToEndId: string, answer: RailAnswer) => void): () => void;
  close(): Promise<void>;
}
