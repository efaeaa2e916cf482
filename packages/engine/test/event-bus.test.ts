import { describe, expect, it } from 'vitest';
import { EventBus, type PayBoxEvents } from '../src/events/event-bus.js';
import type { EventChannel } from '../src/ports/event-channel.js';
import type { Logger } from '../src/ports/logger.js';

/** One channel several processes share, as LISTEN/NOTIFY is: every subscriber gets every message, the publisher's own included. */
function sharedChannel(): EventChannel & { published: string[]; inject(message: string): void } {
  const subscribers = new Set<(message: string) => void>();
  const published: string[] = [];
  const inject = (message: string) => subscribers.forEach((receive) => receive(message));
  return {
    published,
    inject,
    async publish(message) {
      published.push(message);
      inject(message);
    },
    subscribe(receive) {
      subscribers.add(receive);
      return () => subscribers.delete(receive);
    },
  };
}

const warnings: string[] = [];
const log: Logger = { debug() {}, info() {}, warn: (message) => warnings.push(message), error() {} };

function heard<K extends keyof PayBoxEvents>(bus: EventBus, name: K): Array<PayBoxEvents[K]> {
  const events: Array<PayBoxEvents[K]> = [];
  bus.on(name, (event) => events.push(event));
  return events;
}

describe('events across the instances that share a store', () => {
  it('a settlement recorded on one instance reaches the others once, and its own listeners once', async () => {
    const channel = sharedChannel();
    const [a, b] = [new EventBus(), new EventBus()];
    a.connect(channel, 'instance-a', log);
    b.connect(channel, 'instance-b', log);
    const [onA, onB] = [heard(a, 'transfer.settled'), heard(b, 'transfer.settled')];
    b.emit('transfer.settled', { paymentId: 'pay_1', bankReference: 'TRN1' });
    await Promise.resolve();
    expect(onA).toEqual([{ paymentId: 'pay_1', bankReference: 'TRN1' }]);
    expect(onB).toEqual([{ paymentId: 'pay_1', bankReference: 'TRN1' }]);
  });

  it("keeps an instance's outbox wake-up to itself", () => {
    const channel = sharedChannel();
    const [a, b] = [new EventBus(), new EventBus()];
    a.connect(channel, 'instance-a', log);
    b.connect(channel, 'instance-b', log);
    const onB = heard(b, 'outbox.enqueued');
    a.emit('outbox.enqueued', { kind: 'transfer', subjectId: 'trf_1' });
    expect(onB).toEqual([]);
    expect(channel.published).toEqual([]);
  });

  it('ignores, with a warning, a message that is not one of its events', () => {
    const channel = sharedChannel();
    const bus = new EventBus();
    bus.connect(channel, 'instance-a', log);
    const settled = heard(bus, 'transfer.settled');
    warnings.length = 0;
    for (const message of ['not json', '{}', JSON.stringify({ origin: 'x', name: 'transfer.settled', event: { paymentId: 'pay_1' } }), JSON.stringify({ origin: 'x', name: 'outbox.enqueued', event: { kind: 'transfer', subjectId: 'trf_1' } })]) {
      channel.inject(message);
    }
    expect(settled).toEqual([]);
    expect(warnings).toHaveLength(4);
  });

  it('once disconnected, neither relays nor hears', async () => {
    const channel = sharedChannel();
    const [a, b] = [new EventBus(), new EventBus()];
    const disconnect = a.connect(channel, 'instance-a', log);
    b.connect(channel, 'instance-b', log);
    const onA = heard(a, 'transfer.rejected');
    disconnect();
    a.emit('transfer.rejected', { paymentId: 'pay_2', reason: 'AC04' });
    b.emit('transfer.rejected', { paymentId: 'pay_3', reason: 'AC04' });
    await Promise.resolve();
    expect(onA).toEqual([{ paymentId: 'pay_2', reason: 'AC04' }]);
    expect(channel.published).toHaveLength(1);
  });
});
