import type { TransferOrder } from '../ports/transfer-rail.js';
import { bookedTransfer, type BankBook, type BookedTransfer, type Booking } from './bank-book.js';

/** The sandbox bank's books in memory: the SDK's mock and engine tests. */
export class MemoryBankBook implements BankBook {
  private readonly transfers: BookedTransfer[] = [];

  async book(order: TransferOrder, receivedAt: Date, booking: Booking): Promise<BookedTransfer> {
    const transfer = bookedTransfer(this.transfers.length + 1, order, receivedAt, booking);
    this.transfers.push(transfer);
    return { ...transfer };
  }

  settle(sequence: number, settledAt: Date, reference: string): BookedTransfer {
    const transfer = this.transfers[sequence - 1];
    if (!transfer) throw new Error(`no transfer booked with sequence ${sequence}`);
    if (transfer.state === 'processing') Object.assign(transfer, { state: 'settled', bankReference: reference, settledAt: settledAt.toISOString() });
    return { ...transfer };
  }

  hasAccepted(endToEndId: string): boolean {
    return this.transfers.some((transfer) => transfer.endToEndId === endToEndId && transfer.state !== 'rejected');
  }

  transfersFor(endToEndId: string): BookedTransfer[] {
    return this.transfers.filter((transfer) => transfer.endToEndId === endToEndId).map((transfer) => ({ ...transfer }));
  }

  allTransfers(): BookedTransfer[] {
    return this.transfers.map((transfer) => ({ ...transfer }));
  }

  processingTransfers(): BookedTransfer[] {
    return this.transfers.filter((transfer) => transfer.state === 'processing').map((transfer) => ({ ...transfer }));
  }

  close(): void {}
}
