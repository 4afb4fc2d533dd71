import assert from 'node:assert/strict';
import { describe, it } from 'node:test';
import { pino } from 'pino';
import { ManualClock } from '../../clock.js';
import { EngineError, isEngineError } from '../../errors.js';
import type { SiteRegion } from '../../region/site-region.js';
import type { Credentials } from '../../security/credentials.js';
import type { SiteSender } from '../site/site-sender.js';
import { WanCopies } from './wan-copies.js';
import type { CopyLink } from './wan-copy-operation.js';

const entry = (timestamp: number) => ({
  value: 'v',
  version: { timestamp, dsid: 1, member: 'm1', entryVersion: 1 },
  tombstone: false,
});

const region = {
  name: 'data',
  kind: 'replicated',
  liveEntries: async () => [
    ['a', entry(1)],
    ['b', entry(2)],
  ],
} as unknown as SiteRegion;

function sender(id: string, remoteDsid: number, running = true): SiteSender {
  return { id, remoteDsid, isRunning: () => running } as unknown as SiteSender;
}

const SENDERS = [sender('to-site3', 3), sender('to-site2', 2), sender('stopped', 4, false)];

function copies(connects = true): { copies: WanCopies; sent: unknown[][] } {
  const sent: unknown[][] = [];
  const link: CopyLink = {
    connect: async () => connects,
    send: async (events) => {
      sent.push(events);
      return {
        kind: 'ok',
        ack: { t: 'ack', batchId: 0, count: 2, processed: 2, failures: [], lastAppliedIndex: 1 },
      };
    },
    close: () => undefined,
  };
  const service = new WanCopies({
    dsid: 1,
    uid: 'site1-m1-x',
    clock: new ManualClock(),
    logger: pino({ level: 'silent' }),
    random: () => 0,
    directory: { receiversFor: async () => [] },
    credentials: {} as Credentials,
    region: (name) => {
      if (name === 'data') return region;
      throw new EngineError('WAN_ERR_REGION_UNKNOWN', `no ${name}`, 'hint');
    },
    regionSenderIds: () => ['to-site3', 'to-site2', 'stopped'],
    sender: (id) => {
      const found = [...SENDERS, sender('other', 5)].find((s) => s.id === id);
      if (found) return found;
      throw new EngineError('WAN_ERR_SENDER_UNKNOWN', `no ${id}`, 'hint');
    },
    senders: () => SENDERS,
    link: () => link,
  });
  return { copies: service, sent };
}

const refusedWith = (code: string) => (error: unknown) =>
  isEngineError(error) && error.code === code;
const request = (senderId: string) => ({ senderId, maxRatePerSecond: 0, batchSize: 1000 });

describe('wan-copy requests (GEODE-7)', () => {
  it('refuses what it cannot copy, each with its code, before sending anything', async () => {
    const { copies: service, sent } = copies();
    await assert.rejects(
      service.start('nowhere', request('to-site3')),
      refusedWith('WAN_ERR_REGION_UNKNOWN'),
    );
    await assert.rejects(
      service.start('data', request('nope')),
      refusedWith('WAN_ERR_SENDER_UNKNOWN'),
    );
    await assert.rejects(
      service.start('data', request('other')),
      refusedWith('WAN_ERR_SENDER_NOT_ATTACHED'),
    );
    await assert.rejects(
      service.start('data', request('stopped')),
      refusedWith('WAN_ERR_SENDER_NOT_RUNNING'),
    );
    const unreachable = copies(false).copies;
    await assert.rejects(
      unreachable.start('data', request('to-site3')),
      refusedWith('WAN_ERR_REMOTE_SITE_UNREACHABLE'),
    );
    assert.deepEqual(sent, []);
    assert.throws(() => service.get('copy-9'), refusedWith('WAN_ERR_WAN_COPY_UNKNOWN'));
  });

  it('copies to every site the running senders reach, so none forwards a copy', async () => {
    const { copies: service, sent } = copies();
    const started = await service.start('data', request('to-site3'));
    assert.equal(started.total, 2);
    await new Promise((resolve) => setImmediate(resolve));
    const status = service.get(started.id);
    assert.equal(status.state, 'done');
    assert.deepEqual(
      service.list().map((s) => s.id),
      [started.id],
    );
    const events = sent.flat() as Array<{ recipients: number[]; originDsid: number }>;
    assert.deepEqual(
      events.map((e) => e.recipients),
      [
        [2, 3],
        [2, 3],
      ],
    );
    assert.ok(events.every((e) => e.originDsid === 1));
  });
});
