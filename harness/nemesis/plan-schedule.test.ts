import assert from 'node:assert/strict';
import { join } from 'node:path';
import { test } from 'node:test';
import { parseExperiment } from '../experiment/load-experiment.js';
import { projectRoot } from '../util/project-root.js';
import { Rng } from '../util/rng.js';
import { planSchedule, resourcesOf } from './plan-schedule.js';

const experiment = parseExperiment(
  `name: mixed
topology: two-site
timeLimitS: 60
workload: { region: data }
nemesis:
  concurrency: 3
  gapMs: { min: 100, max: 2000 }
  durationMs: { min: 300, max: 5000 }
  faults:
    - kind: link-down
    - kind: latency
      latencyMs: { min: 1, max: 500 }
    - kind: member-freeze
      weight: 2
    - kind: clock-skew
      offsetMs: { min: -5000, max: 5000 }
    - kind: sender-pause
    - kind: partition-site
  schedule:
    - atMs: 500
      fault: { kind: member-kill, members: [site2-m1], durationMs: 2000 }
`,
  join(projectRoot(), 'experiments', 'mixed.yaml'),
);

const plan = (seed: number, limitMs = 60000) =>
  planSchedule(experiment.nemesis, experiment.topology, limitMs, new Rng(seed));

test('the same seed gives the same schedule, parameters included', () => {
  assert.deepEqual(plan(42), plan(42));
  assert.ok(plan(42).length > 10, `only ${plan(42).length} faults`);
});

test('another seed gives another schedule', () => {
  assert.notDeepEqual(plan(42), plan(43));
});

test('faults stay inside the time limit and draw parameters inside their ranges', () => {
  for (const fault of plan(7)) {
    assert.ok(fault.startMs + fault.durationMs <= 60000);
    if (fault.kind === 'latency')
      assert.ok(fault.params.latencyMs! >= 1 && fault.params.latencyMs! <= 500);
    if (fault.kind === 'clock-skew') assert.ok(Math.abs(fault.params.offsetMs!) <= 5000);
    if (fault.kind === 'latency')
      assert.ok(fault.stream === 'upstream' || fault.stream === 'downstream');
  }
});

test('the fixed fault comes first, at its time', () => {
  const first = plan(3)[0]!;
  assert.equal(first.kind, 'member-kill');
  assert.equal(first.startMs, 500);
  assert.equal(first.durationMs, 2000);
  assert.deepEqual(first.target, { type: 'member', member: 'site2-m1' });
});

test('two faults never hold one resource at the same time', () => {
  for (const seed of [1, 2, 3, 4, 5]) {
    const faults = plan(seed);
    for (const a of faults)
      for (const b of faults) {
        if (a.id >= b.id) continue;
        const overlap =
          a.startMs < b.startMs + b.durationMs && b.startMs < a.startMs + a.durationMs;
        if (!overlap) continue;
        const ra = resourcesOf(a.kind, a.target, experiment.topology);
        const rb = resourcesOf(b.kind, b.target, experiment.topology);
        assert.ok(
          !ra.some((r) => rb.includes(r)),
          `seed ${seed}: #${a.id} and #${b.id} share ${ra}`,
        );
      }
  }
});

test('a shorter time limit keeps the schedule a prefix of the longer one', () => {
  const long = plan(11, 60000);
  const short = plan(11, 20000);
  assert.deepEqual(
    short.filter((f) => f.startMs + f.durationMs < 20000 - 5000).map((f) => [f.kind, f.startMs]),
    long.filter((f) => f.startMs + f.durationMs < 20000 - 5000).map((f) => [f.kind, f.startMs]),
  );
});

// A restart that ran long once let a kill of the other member of the site overlap it, and
// the site lost its only copy of the data: taking members down is one at a time per site.
test('kills and stops in one site hold the site, freezes and other sites do not', () => {
  const twoByTwo = parseExperiment(
    `name: kills
topology: two-by-two
timeLimitS: 60
workload: { region: data }
nemesis:
  faults:
    - kind: member-kill
`,
    join(projectRoot(), 'experiments', 'kills.yaml'),
  ).topology;
  const member = (name: string) => ({ type: 'member' as const, member: name });
  const shared = (a: string[], b: string[]) => a.some((r) => b.includes(r));
  const kill11 = resourcesOf('member-kill', member('site1-m1'), twoByTwo);
  assert.ok(shared(kill11, resourcesOf('member-stop', member('site1-m2'), twoByTwo)));
  assert.ok(shared(kill11, resourcesOf('member-kill', member('site1-m2'), twoByTwo)));
  assert.ok(!shared(kill11, resourcesOf('member-freeze', member('site1-m2'), twoByTwo)));
  assert.ok(!shared(kill11, resourcesOf('member-kill', member('site2-m1'), twoByTwo)));
});
