import type { RailAnswer, RailProcessing, RailStatus, TransferOrder, TransferRail } from '@pay-box/engine';

/**
 * The connection to the bank of a process about to be killed: the order is dropped (`before`) or
 * reaches the bank (`after`), and no answer ever comes back, so nothing the engine had under way
 * finishes. Used with `books.restart({ crashed: true })`.
 */
export function deadLine(bank: TransferRail, when: 'before the bank' | 'after the bank'): TransferRail & { sent: TransferOrder[] } {
  const sent: TransferOrder[] = [];
  const never = new Promise<never>(() => {});
  return {
    sent,
    send(order: TransferOrder, options: { timeoutMs: number }): Promise<RailAnswer | RailProcessing> {
      sent.push(order);
      if (when === 'after the bank') void bank.send(order, options).catch(() => {});
      return never;
    },
    status: (): Promise<RailStatus> => never,
    onAnswer: () => () => {},
    close: async () => {},
  };
}
