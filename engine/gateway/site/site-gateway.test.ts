import assert from 'node:assert/strict';
import { test } from 'node:test';
import type { MemberProfile } from '../../cluster/member-profile.js';
import type { SiteCluster } from '../../cluster/site-cluster.js';
import type { RegionConfig } from '../../config/member-config.js';
import type { AppliedEventLog } from '../../region/applied-log.js';
import type { RegionEvent } from '../../region/region-event.js';
import { SiteGateway } from './site-gateway.js';

const self = { name: 'm1', uid: 'm1-uid', session: 0, joinedAtMs: 0 };

function senderProfile(running: boolean): MemberProfile {
  return {
    regions: [{ name: 'r', senderIds: ['to-site2'] }],
    senders: [
      { id: 'to-site2', remoteDistributedSystemId: 2, parallel: false, running, runningSinceMs: 1 },
    ],
  } as unknown as MemberProfile;
}

const event: RegionEvent = {
  region: 'r',
  key: 'k',
  op: 'create',
  value: 1,
  version: { timestamp: 1, dsid: 1, member: 'm1-uid', entryVersion: 1 },
  id: { member: 'm1-uid', thread: 0, seq: 1 },
  originDsid: 1,
  recipients: [],
  possibleDuplicate: false,
  createdAtMs: 1,
};

test('the senders of a region are derived once per view revision, and again after it moves', () => {
  const view = { revision: 0, profile: senderProfile(false) };
  const cluster = {
    get viewRevision() {
      return view.revision;
    },
    selfKey: 'm1-uid#0',
    members: () => [self],
    profile: () => view.profile,
    hosts: () => [],
  } as unknown as SiteCluster;
  const gateway = new SiteGateway(cluster, {} as AppliedEventLog, {} as never);
  const region = { name: 'r', type: 'replicated' } as unknown as RegionConfig;
  assert.deepEqual(gateway.route(region, event).senderIds, [], 'stopped: not routed');
  view.profile = senderProfile(true);
  assert.deepEqual(gateway.route(region, event).senderIds, [], 'same revision: as derived');
  view.revision++;
  const routed = gateway.route(region, event);
  assert.deepEqual(routed.senderIds, ['to-site2'], 'the revision moved: derived again');
  assert.deepEqual(routed.event.recipients, [2]);
});
