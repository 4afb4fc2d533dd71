import assert from 'node:assert/strict';
import { describe, it } from 'node:test';
import { pino } from 'pino';
import { ManualClock } from '../../clock.js';
import type { PeerBody } from '../../cluster/peer-transport.js';
import type { SiteCluster } from '../../cluster/site-cluster.js';
import type { RegionEvent } from '../../region/region-event.js';
import { FakeDiskStore } from '../queue/fake-disk-store.js';
import type { SenderStatus } from '../sender/gateway-sender.js';
import { EventFilterChain } from '../filter/event-filter-chain.js';
import { HaSerialSender, type PrimarySwitchable } from './ha-serial-sender.js';

const clock = new ManualClock();
const logger = pino({ level: 'silent' });

function event(seq: number): RegionEvent {
  return {
    region: 'r',
    key: `k${seq}`,
    op: 'create',
    value: seq,
    version: { timestamp: seq, dsid: 1, member: 'w', entryVersion: 1 },
    id: { member: 'w', thread: 0, seq },
    originDsid: 1,
    recipients: [2],
    possibleDuplicate: false,
    createdAtMs: seq,
  };
}

/** The sender proper of one member: lanes as a list, persisted in `disk` when persistent. */
class FakeInner implements Partial<PrimarySwitchable> {
  readonly id = 's';
  readonly remoteDsid = 2;
  readonly parallel = false;
  readonly filters = EventFilterChain.none();
  running = false;
  primary = true;
  readonly #listeners: Array<(events: RegionEvent[]) => void> = [];
  constructor(
    readonly lanes: RegionEvent[],
    readonly copyDisk: FakeDiskStore | undefined,
  ) {}
  isRunning(): boolean {
    return this.running;
  }
  async start(): Promise<void> {
    this.running = true;
  }
  async stop(): Promise<void> {
    this.running = false;
  }
  async close(): Promise<void> {
    this.running = false;
  }
  async setPrimary(primary: boolean): Promise<void> {
    if (primary === this.primary) return;
    this.primary = primary;
    if (!primary) this.lanes.length = 0;
  }
  onRemoved(listener: (events: RegionEvent[]) => void): void {
    this.#listeners.push(listener);
  }
  adopt(events: RegionEvent[]): void {
    this.lanes.push(...events);
  }
  enqueue(event: RegionEvent): void {
    if (this.running) this.lanes.push(event);
  }
  async queuedEvents(): Promise<RegionEvent[]> {
    return [...this.lanes];
  }
  clearQueue(): void {
    this.lanes.length = 0;
  }
  async committed(): Promise<void> {}
  async durable(): Promise<void> {}
  copyStore(): FakeDiskStore | undefined {
    return this.copyDisk;
  }
  /** The receiver acknowledged the `count` oldest events. */
  acknowledge(count: number): void {
    const events = this.lanes.splice(0, count);
    for (const listener of this.#listeners) listener(events);
  }
  status(): SenderStatus {
    const size = this.lanes.length;
    return {
      running: this.running,
      primary: this.primary,
      queue: { size, inMemory: size, onDisk: 0, bytesInMemory: 0, bytesOnDisk: 0 },
      stats: { eventsReceived: 0, eventsQueued: 0 },
      attributes: { diskSynchronous: true },
    } as unknown as SenderStatus;
  }
}

interface Host {
  name: string;
  up: boolean;
  inner: FakeInner;
  ha: HaSerialSender;
}

/** Members of one site whose peer messages reach each other's HA sender at once. */
class FakeSite {
  readonly hosts = new Map<string, Host>();

  /** Launches (or relaunches) a member with what its disk holds. */
  launch(name: string, disk: { lanes: RegionEvent[]; copy: FakeDiskStore }): Host {
    const inner = new FakeInner(disk.lanes, disk.copy);
    const ha = new HaSerialSender(inner as unknown as PrimarySwitchable, {
      cluster: this.#cluster(name),
      clock,
      logger,
      publish: async () => this.#changed(),
    });
    const host = { name, up: true, inner, ha };
    this.hosts.set(name, host);
    return host;
  }

  down(name: string): void {
    this.hosts.get(name)!.up = false;
    this.#changed();
  }

  /** A region write: every running host gets the event. */
  write(event: RegionEvent): void {
    for (const host of this.#up()) host.ha.offer(event);
  }

  #up(): Host[] {
    return [...this.hosts.values()].filter((h) => h.up);
  }

  #changed(): void {
    for (const host of this.#up()) host.ha.update();
  }

  #cluster(self: string): SiteCluster {
    const key = (name: string): string => `${name}#0`;
    const profile = (name: string) => {
      const ha = this.hosts.get(name)!.ha;
      return { senders: [{ id: 's', running: ha.isRunning(), runningSinceMs: ha.runningSinceMs }] };
    };
    const target = (k: string): Host => this.hosts.get(k.replace(/#0$/, ''))!;
    const ref = { name: self, uid: self, session: 0 };
    const fake = {
      selfKey: key(self),
      active: true,
      members: () => this.#up().map((h) => ({ name: h.name, uid: h.name, session: 0 })),
      profile: (k: string) => profile(k.replace(/#0$/, '')),
      hosts: (accept: (p: ReturnType<typeof profile>) => boolean) =>
        this.#up()
          .filter((h) => accept(profile(h.name)))
          .map((h) => ({ name: h.name, uid: h.name, session: 0 })),
      request: async (k: string, body: PeerBody) => {
        const host = target(k);
        if (!host.up) throw new Error('peer down');
        return host.ha.handle(body, ref);
      },
      send: (k: string, body: PeerBody) => {
        const host = target(k);
        if (host.up) void host.ha.handle(body, ref);
      },
    };
    return fake as unknown as SiteCluster;
  }
}

async function until(what: string, condition: () => boolean): Promise<void> {
  const deadline = Date.now() + 3000;
  while (!condition()) {
    if (Date.now() > deadline) assert.fail(`timed out waiting for ${what}`);
    await new Promise((resolve) => setTimeout(resolve, 5));
  }
}

const size = (host: Host): number => host.ha.status().queue.size;

async function startInOrder(...hosts: Host[]): Promise<void> {
  for (const host of hosts) {
    clock.advance(10);
    await host.ha.start();
  }
}

describe('a serial sender on two members (issue 14)', () => {
  it('both stopped, the ex-secondary started first takes the queue; both report it', async () => {
    const site = new FakeSite();
    const disks = {
      a: { lanes: [] as RegionEvent[], copy: new FakeDiskStore() },
      b: { lanes: [] as RegionEvent[], copy: new FakeDiskStore() },
    };
    const a = site.launch('a', disks.a);
    const b = site.launch('b', disks.b);
    await startInOrder(a, b);
    await until('a primary', () => a.ha.status().primary && !b.ha.status().primary);
    for (let i = 0; i < 5; i++) site.write(event(i));
    assert.deepEqual([size(a), size(b)], [5, 5]);
    await b.ha.stop();
    await a.ha.stop();
    assert.deepEqual([size(a), size(b)], [0, 0], 'a stopped sender reports an empty queue');
    await startInOrder(b, a);
    await until('b primary with every event', () => b.ha.status().primary && size(b) === 5);
    await until('a a secondary holding them too', () => size(a) === 5);
    b.inner.acknowledge(5);
    await until('every copy emptied', () => size(a) === 0 && size(b) === 0);
  });

  it('the whole site down, the ex-secondary relaunched first delivers from its own disk', async () => {
    const site = new FakeSite();
    const disks = {
      a: { lanes: [] as RegionEvent[], copy: new FakeDiskStore() },
      b: { lanes: [] as RegionEvent[], copy: new FakeDiskStore() },
    };
    const a = site.launch('a', disks.a);
    const b = site.launch('b', disks.b);
    await startInOrder(a, b);
    await until('a primary', () => a.ha.status().primary);
    for (let i = 0; i < 4; i++) site.write(event(i));
    site.down('a');
    site.down('b');
    const b2 = site.launch('b', { lanes: [], copy: disks.b.copy });
    await startInOrder(b2);
    await until('b primary with the 4 events', () => b2.ha.status().primary && size(b2) === 4);
    assert.ok(
      b2.inner.lanes.every((e) => e.possibleDuplicate),
      'recovered events are flagged',
    );
  });

  it('a member back with events the primary lacks offers them; what was acknowledged is dropped', async () => {
    const site = new FakeSite();
    const disks = {
      a: { lanes: [] as RegionEvent[], copy: new FakeDiskStore() },
      b: { lanes: [] as RegionEvent[], copy: new FakeDiskStore() },
    };
    const a = site.launch('a', disks.a);
    const b = site.launch('b', disks.b);
    await startInOrder(a, b);
    await until('a primary', () => a.ha.status().primary);
    for (let i = 0; i < 3; i++) site.write(event(i));
    a.inner.acknowledge(1); // event 0 acknowledged
    await until('b drops event 0', () => size(b) === 2);
    site.down('b');
    a.inner.acknowledge(2); // events 1 and 2 acknowledged while b is away
    a.inner.lanes.length = 0;
    b.inner.lanes.push(event(9)); // only b ever got event 9 (its writer died mid-way)
    const b2 = site.launch('b', { lanes: [event(9)], copy: disks.b.copy });
    await startInOrder(b2);
    await until('a queues the event only b had', () => a.inner.lanes.some((e) => e.key === 'k9'));
    assert.deepEqual(
      a.inner.lanes.map((e) => e.key),
      ['k9'],
      'events a had acknowledged are not sent again',
    );
    await until('b keeps only what is still queued', () => size(b2) === 1);
  });
});
