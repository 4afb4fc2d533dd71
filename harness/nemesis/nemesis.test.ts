import { CAPABILITY_NAMES } from '../../contract/index.js';
import assert from 'node:assert/strict';
import { join } from 'node:path';
import { test } from 'node:test';
import type { MemberClient } from '../client/member-client.js';
import type { EngineState } from '../deployment/engine-handle.js';
import type { FaultKind, FaultTarget } from '../experiment/model.js';
import type { HistoryRecord, Unstamped } from '../history/records.js';
import { loadTopology } from '../topology/load-topology.js';
import { projectRoot } from '../util/project-root.js';
import type { ChaosDeployment, ChaosMember } from './chaos-deployment.js';
import { ClockBook } from './clock-book.js';
import { Nemesis } from './nemesis.js';
import type { PlannedFault } from './planned-fault.js';

const topology = loadTopology(join(projectRoot(), 'topologies', 'two-site.yaml'));

/** A deployment that writes down what was done to it. */
function fakeDeployment(calls: string[]): ChaosDeployment {
  const member = (name: string, site: string, siteId: number): ChaosMember => {
    let state: EngineState = 'running';
    const client = {
      senderAction: async (id: string, action: string) =>
        calls.push(`${name} sender ${id} ${action}`),
      receiverAction: async (action: string) => calls.push(`${name} receiver ${action}`),
      setClockOffset: async (offsetMs: number) => calls.push(`${name} clock ${offsetMs}`),
      request: async (method: string, path: string) => calls.push(`${name} ${method} ${path}`),
    } as unknown as MemberClient;
    return {
      name,
      siteId,
      spec: { siteName: site },
      client,
      get state() {
        return state;
      },
      kill: async () => {
        calls.push(`${name} kill`);
        state = 'killed';
      },
      stop: async () => {
        calls.push(`${name} stop`);
        state = 'stopped';
      },
      freeze: async () => {
        calls.push(`${name} freeze`);
        state = 'frozen';
      },
      thaw: async () => {
        calls.push(`${name} thaw`);
        state = 'running';
      },
    };
  };
  const members = [member('site1-m1', 'site1', 1), member('site2-m1', 'site2', 2)];
  return {
    topology,
    capabilities: new Set(CAPABILITY_NAMES),
    engineName: 'fake',
    runDir: '/tmp',
    links: {
      setLinkEnabled: async (link, enabled) =>
        void calls.push(`link ${link} ${enabled ? 'up' : 'down'}`),
      addToxic: async (link, toxic, stream) => {
        calls.push(`link ${link} +${toxic.type} ${stream} ${JSON.stringify(toxic)}`);
        return `t-${toxic.type}`;
      },
      removeToxic: async (link, name) => void calls.push(`link ${link} -${name}`),
      reset: async () => void calls.push('reset'),
    },
    members: (site) => members.filter((m) => site === undefined || m.spec.siteName === site),
    member: (name) => members.find((m) => m.name === name)!,
    startMember: async (name) => void calls.push(`${name} start`),
    syncReceiverUpstreams: async () => void calls.push('sync upstreams'),
    startReceiver: async (name, start) => {
      calls.push(`${name} hold receiver proxies`);
      const answer = await start();
      calls.push('sync upstreams');
      return answer;
    },
  };
}

async function play(
  faults: Array<{
    kind: FaultKind;
    target: FaultTarget;
    params?: Record<string, number>;
    stream?: 'upstream';
  }>,
  options: { finishEarly?: boolean } = {},
): Promise<{ calls: string[]; records: Array<Unstamped<HistoryRecord>> }> {
  const calls: string[] = [];
  const records: Array<Unstamped<HistoryRecord>> = [];
  const sink = (r: Unstamped<HistoryRecord>): void => void records.push(r);
  const deployment = fakeDeployment(calls);
  const schedule: PlannedFault[] = faults.map((f, i) => ({
    id: i + 1,
    kind: f.kind,
    target: f.target,
    ...(f.stream ? { stream: f.stream } : {}),
    params: f.params ?? {},
    startMs: i * 5,
    durationMs: options.finishEarly ? 60000 : 20,
  }));
  const nemesis = new Nemesis(
    schedule,
    {
      deployment,
      clocks: new ClockBook(topology, (site, offsetMs) => sink({ type: 'clock', site, offsetMs })),
      observer: {
        drainMember: async (name) => void calls.push(`drain ${name}`),
        memberLost: (name) => void calls.push(`lost ${name}`),
      },
    },
    sink,
  );
  nemesis.start(Date.now());
  if (options.finishEarly) await new Promise((r) => setTimeout(r, 100));
  else await new Promise((r) => setTimeout(r, 20 * faults.length + 200));
  await nemesis.finish();
  return { calls, records };
}

test('every fault kind does its harm and its heal, and both are recorded', async () => {
  const link = { type: 'link', link: 'site1->site2' } as const;
  const m2 = { type: 'member', member: 'site2-m1' } as const;
  const sender = { type: 'sender', member: 'site1-m1', sender: 'to-site2' } as const;
  const cases: Array<[Parameters<typeof play>[0][number], string[]]> = [
    [{ kind: 'link-down', target: link }, ['link site1->site2 down', 'link site1->site2 up']],
    [
      {
        kind: 'latency',
        target: link,
        stream: 'upstream',
        params: { latencyMs: 100, jitterMs: 5 },
      },
      [
        'link site1->site2 +latency upstream {"type":"latency","latencyMs":100,"jitterMs":5}',
        'link site1->site2 -t-latency',
      ],
    ],
    [
      { kind: 'blackhole', target: link, params: { timeoutMs: 0 } },
      [
        'link site1->site2 +timeout downstream {"type":"timeout","timeoutMs":0}',
        'link site1->site2 -t-timeout',
      ],
    ],
    [
      { kind: 'limit-data', target: link, params: { bytes: 99 } },
      [
        'link site1->site2 +limit_data downstream {"type":"limit_data","bytes":99}',
        'link site1->site2 -t-limit_data',
      ],
    ],
    [
      { kind: 'partition-site', target: { type: 'site', site: 'site1' } },
      [
        'link site1->site2 down',
        'link site2->site1 down',
        'link site1->site2 up',
        'link site2->site1 up',
      ],
    ],
    [{ kind: 'member-kill', target: m2 }, ['lost site2-m1', 'site2-m1 kill', 'site2-m1 start']],
    [
      { kind: 'member-stop', target: m2 },
      ['drain site2-m1', 'lost site2-m1', 'site2-m1 stop', 'site2-m1 start'],
    ],
    [{ kind: 'member-freeze', target: m2 }, ['site2-m1 freeze', 'site2-m1 thaw']],
    [
      { kind: 'clock-skew', target: { type: 'site', site: 'site2' }, params: { offsetMs: -3000 } },
      ['site2-m1 clock -3000', 'site2-m1 clock 0'],
    ],
    [
      { kind: 'sender-pause', target: sender },
      ['site1-m1 sender to-site2 pause', 'site1-m1 sender to-site2 resume'],
    ],
    [
      { kind: 'sender-stop', target: sender },
      ['site1-m1 sender to-site2 stop', 'site1-m1 sender to-site2 start'],
    ],
    [
      { kind: 'receiver-stop', target: m2 },
      [
        'site2-m1 receiver stop',
        'site2-m1 hold receiver proxies',
        'site2-m1 receiver start',
        'sync upstreams',
      ],
    ],
    [{ kind: 'rebalance', target: sender }, ['site1-m1 POST /v1/senders/to-site2/rebalance']],
  ];
  for (const [fault, expected] of cases) {
    const { calls, records } = await play([fault]);
    assert.deepEqual(calls, expected, fault.kind);
    assert.deepEqual(
      records.filter((r) => r.type.startsWith('fault')).map((r) => r.type),
      ['fault-start', 'fault-end'],
      fault.kind,
    );
  }
});

test('clock skew is recorded so checkers can take it out of engine timestamps', async () => {
  const { records } = await play([
    { kind: 'clock-skew', target: { type: 'site', site: 'site1' }, params: { offsetMs: 4000 } },
  ]);
  assert.deepEqual(
    records.filter((r) => r.type === 'clock').map((r) => (r as { offsetMs: number }).offsetMs),
    [4000, 0],
  );
});

test('finishing early heals the faults that are still active', async () => {
  const { calls, records } = await play(
    [{ kind: 'member-freeze', target: { type: 'member', member: 'site1-m1' } }],
    {
      finishEarly: true,
    },
  );
  assert.deepEqual(calls, ['site1-m1 freeze', 'site1-m1 thaw']);
  const end = records.find((r) => r.type === 'fault-end') as { outcome: string };
  assert.equal(end.outcome, 'healed');
});

test('a fault that cannot be injected is recorded as a harness error', async () => {
  const { records } = await play([
    { kind: 'member-freeze', target: { type: 'link', link: 'site1->site2' } },
  ]);
  assert.ok(
    records.some(
      (r) => r.type === 'error' && /could not be injected/.test((r as { message: string }).message),
    ),
  );
  assert.ok(!records.some((r) => r.type === 'fault-start'));
});

test('a fault that lasts to the time limit is held until finish, after the workload stopped', async () => {
  const calls: string[] = [];
  const deployment = fakeDeployment(calls);
  const nemesis = new Nemesis(
    [
      {
        id: 1,
        kind: 'clock-skew',
        target: { type: 'site', site: 'site1' },
        params: { offsetMs: 500 },
        startMs: 0,
        durationMs: 50,
      },
    ],
    {
      deployment,
      clocks: new ClockBook(topology, () => undefined),
      observer: { drainMember: async () => undefined, memberLost: () => undefined },
    },
    () => undefined,
  );
  nemesis.start(Date.now(), 50);
  await new Promise((r) => setTimeout(r, 300));
  assert.deepEqual(calls, ['site1-m1 clock 500'], 'not healed at its planned end');
  await nemesis.finish();
  assert.deepEqual(calls, ['site1-m1 clock 500', 'site1-m1 clock 0']);
});
