import { describe, expect, it } from 'vitest';
import { EventBus } from '../src/events/event-bus.js';
import { TransferWaits } from '../src/payments/transfer-waits.js';

describe('payment requests waiting for their bank answer', () => {
  it('wakes exactly the payment answered, and forgets it', async () => {
    const events = new EventBus();
    const waits = new TransferWaits(events);
    const woken: string[] = [];
    const a = waits.wait('pay_a', 5_000, async () => false).then(() => woken.push('a'));
    const b = waits.wait('pay_b', 5_000, async () => false).then(() => woken.push('b'));
    events.emit('transfer.settled', { paymentId: 'pay_b', bankReference: 'TRN1' });
    await b;
    expect(woken).toEqual(['b']);
    events.emit('transfer.rejected', { paymentId: 'pay_a', reason: 'AC04' });
    await a;
    expect(woken).toEqual(['b', 'a']);
    expect(waits.size).toBe(0);
  });

  it('gives up after the bounded wait and leaves nothing registered', async () => {
    const waits = new TransferWaits(new EventBus());
    const started = Date.now();
    await waits.wait('pay_slow', 30, async () => false);
    expect(Date.now() - started).toBeGreaterThanOrEqual(25);
    expect(waits.size).toBe(0);
  });

  it('does not wait for a transfer already answered, and several requests for one payment all wake', async () => {
    const events = new EventBus();
    const waits = new TransferWaits(events);
    await waits.wait('pay_done', 5_000, async () => true);
    const both = Promise.all([waits.wait('pay_c', 5_000, async () => false), waits.wait('pay_c', 5_000, async () => false)]);
    events.emit('transfer.settled', { paymentId: 'pay_c', bankReference: 'TRN2' });
    await both;
    expect(waits.size).toBe(0);
  });

  it('on a shared store, asks the store again while it waits: an answer recorded elsewhere, with no event, still ends the wait', async () => {
    const waits = new TransferWaits(new EventBus(), 20);
    let asked = 0;
    const started = Date.now();
    await waits.wait('pay_elsewhere', 5_000, async () => ++asked >= 3);
    expect(asked).toBe(3);
    expect(Date.now() - started).toBeLessThan(1_000);
    expect(waits.size).toBe(0);
  });
});
