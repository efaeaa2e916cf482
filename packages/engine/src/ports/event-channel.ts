/**
 * Carries events between the processes that share one store (PostgreSQL's LISTEN/NOTIFY on the
 * reference server): a payment request waiting on one instance hears of the settlement another
 * recorded. Delivery is best effort; whoever waits on an event also polls the store, slowly.
 */
export interface EventChannel {
  publish(message: string): Promise<void>;
  /** Calls `receive` with every message any process publishes, this one's included. Returns the unsubscribe. */
  subscribe(receive: (message: string) => void): () => void;
}
