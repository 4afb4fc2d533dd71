import assert from 'node:assert/strict';
import { mkdirSync, mkdtempSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { test } from 'node:test';
import {
  QUEUE_STATISTICS,
  RECEIVER_STATISTICS,
  SENDER_STATISTICS,
  type FailureRecord,
  type ReceiverStatus,
  type SenderStatus,
} from '../../contract/index.js';
import type { DeploymentInfo, ProcessInfo } from '../deployment/deployment-info.js';
import { isHarnessError } from '../errors.js';
import { findDeployment } from './find-deployment.js';
import { gatewayStatus, type GatewaySource } from './gateway-status.js';
import { statusText } from './status-text.js';

const zeros = <K extends string>(declarations: Record<K, unknown>): Record<K, number> =>
  Object.fromEntries(Object.keys(declarations).map((k) => [k, 0])) as Record<K, number>;

function member(site: string, siteId: number, name: string): ProcessInfo {
  return { site, siteId, role: 'member', name, controlUrl: `http://127.0.0.1:1/${name}` };
}

function info(runDir: string, pid: number, warnings: string[] = []): DeploymentInfo {
  return {
    topology: 'two-site',
    topologyFile: 'topologies/two-site.yaml',
    engine: { name: 'wanlab', version: '0.1.0' },
    runtime: 'process',
    seed: 1,
    pid,
    runDir,
    startedInMs: 900,
    processes: [
      { ...member('site1', 1, 'site1-l1'), role: 'locator' },
      member('site1', 1, 'site1-m1'),
      member('site2', 2, 'site2-m1'),
    ],
    proxies: [],
    controlTokenFile: `${runDir}/control-token`,
    security: { authentication: false, tls: false },
    toxiproxyApi: 'http://127.0.0.1:2',
    warnings,
  };
}

function sender(overrides: Partial<SenderStatus>): SenderStatus {
  return {
    id: 'to-site2',
    remoteDistributedSystemId: 2,
    parallel: false,
    state: 'running',
    running: true,
    paused: false,
    primary: true,
    connected: true,
    queue: { ...zeros(QUEUE_STATISTICS), size: 7, inMemory: 4, onDisk: 3 },
    stats: { ...zeros(SENDER_STATISTICS), batchesDispatched: 12, batchesAcknowledged: 11 },
    dispatchers: [],
    attributes: {} as SenderStatus['attributes'],
    recentFailures: [],
    ...overrides,
  };
}

const receiver: ReceiverStatus = {
  running: true,
  manualStart: false,
  bindAddress: '127.0.0.1',
  port: 5001,
  startPort: 5000,
  endPort: 5500,
  connectedSenders: ['site1-m1/to-site2'],
  stats: { ...zeros(RECEIVER_STATISTICS), batchesReceived: 11, eventsApplied: 70 },
};

test('status finds the newest run folder whose wanlab up still runs, and lists the others', () => {
  const state = mkdtempSync(join(tmpdir(), 'wanlab-status-'));
  try {
    const write = (name: string, pid: number | undefined): string => {
      const dir = join(state, 'runs', name);
      mkdirSync(dir, { recursive: true });
      if (pid !== undefined)
        writeFileSync(join(dir, 'deployment.json'), JSON.stringify(info(dir, pid)));
      return dir;
    };
    const older = write('2026-12-07T10-00-00-000Z-two-site-11', 11);
    const newest = write('2026-12-07T12-00-00-000Z-two-site-12', 12);
    write('2026-12-07T13-00-00-000Z-two-site-13', 13); // its wanlab up is gone
    write('2026-12-07T14-00-00-000Z-two-site-14', undefined); // a test's run: no deployment.json
    const alive = (pid: number): boolean => pid === 11 || pid === 12 || pid === 14;
    const found = findDeployment(state, undefined, alive);
    assert.equal(found.info.runDir, newest);
    assert.deepEqual(
      found.others.map((o) => o.runDir),
      [older],
    );
    assert.equal(findDeployment(state, older, alive).info.pid, 11);
    assert.throws(
      () => findDeployment(state, undefined, () => false),
      (error: unknown) =>
        isHarnessError(error) && error.code === 'WANLAB_NOT_RUNNING' && error.exitCode === 1,
    );
    assert.throws(
      () =>
        findDeployment(state, join(state, 'runs', '2026-12-07T13-00-00-000Z-two-site-13'), alive),
      /pid 13\) is not running any more/,
    );
  } finally {
    rmSync(state, { recursive: true, force: true });
  }
});

test('status shows each member: senders with queue, batches and last failure; receivers; unreachable members', async () => {
  const failure: FailureRecord = {
    atMs: 1000,
    dispatcher: 0,
    region: 'orders',
    key: 'k1',
    eventId: { member: 'site1-m1', thread: 0, seq: 3 },
    code: 'WAN_ERR_REGION_UNKNOWN',
    message: 'region "orders" is not defined at site 2',
  };
  const source: GatewaySource = {
    senders: async (m) => {
      if (m.name === 'site2-m1') throw new Error('connect ECONNREFUSED');
      return [
        sender({ recentFailures: [failure] }),
        sender({ id: 'paused', paused: true, state: 'paused', connected: false }),
      ];
    },
    receiver: async (m) => (m.name === 'site1-m1' ? receiver : undefined),
  };
  const status = await gatewayStatus(
    info('/tmp/run', 42, ['topologies/t.yaml:9:7 sites[0]...: does not define it']),
    source,
  );
  assert.deepEqual(
    status.members.map((m) => [m.member, m.reachable]),
    [
      ['site1-m1', true],
      ['site2-m1', false],
    ],
    'locators are not asked; an unreachable member is reported, not fatal',
  );
  const [first, second] = status.members[0]!.senders;
  assert.deepEqual(first!.queue, { size: 7, inMemory: 4, onDisk: 3 });
  assert.deepEqual(first!.batches, { dispatched: 12, acknowledged: 11, redistributed: 0 });
  assert.equal(first!.lastFailure?.code, 'WAN_ERR_REGION_UNKNOWN');
  assert.deepEqual(first!.remoteRegionsMissing, ['orders']);
  assert.deepEqual(second!.remoteRegionsMissing, []);
  assert.equal(status.members[0]!.receiver?.port, 5001);
  assert.equal(status.members[1]!.receiver, null);

  const text = statusText(status);
  assert.match(
    text,
    /SENDER\s+REMOTE\s+TYPE\s+STATE\s+PRIMARY\s+CONNECTED\s+QUEUE MEM\s+QUEUE DISK/,
  );
  assert.match(
    text,
    /site1\s+site1-m1\s+to-site2\s+2\s+serial\s+running\s+yes\s+yes\s+4\s+3\s+11\/12\s+WAN_ERR_REGION_UNKNOWN orders\/k1/,
  );
  assert.match(text, /site1-m1\s+paused\s+2\s+serial\s+paused\s+yes\s+no\s+4\s+3\s+11\/12\s+-/);
  assert.match(
    text,
    /GATEWAY RECEIVERS\nSITE.*\nsite1\s+site1-m1\s+running\s+5001\s+1\s+11\s+70\s+0/,
  );
  assert.match(text, /WARNING member site2-m1 of site site2 does not answer: connect ECONNREFUSED/);
  assert.match(text, /WARNING sender to-site2 on site1-m1: site 2 does not define region orders/);
  assert.match(text, /WARNING topologies\/t\.yaml:9:7 /);
});
