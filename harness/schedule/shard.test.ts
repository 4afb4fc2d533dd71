import assert from 'node:assert/strict';
import { test } from 'node:test';
import { isHarnessError } from '../errors.js';
import { topologyOf } from './schedule-plan.js';
import {
  estimatedSeconds,
  locationArgs,
  parseShard,
  scenariosOfShard,
  type ShardableScenario,
} from './shard.js';

/** A made-up suite: topologies of uneven sizes, spread over features, and loose scenarios. */
function suite(): ShardableScenario[] {
  const sizes: Record<string, number> = { big: 12, mid: 7, small: 3, tiny: 1, other: 5 };
  const scenarios: ShardableScenario[] = [];
  let n = 0;
  for (const [topology, size] of Object.entries(sizes)) {
    for (let i = 0; i < size; i++, n++) {
      scenarios.push({
        uri: `features/f${n % 4}.feature`,
        line: 10 + n,
        steps: [{ text: `the topology "${topology}" is running` }, { text: 'something' }],
      });
    }
  }
  for (let i = 0; i < 4; i++) {
    scenarios.push({
      uri: 'features/loose.feature',
      line: 3 + i,
      steps: [{ text: 'no deployment' }],
    });
  }
  return scenarios;
}

const key = (s: ShardableScenario): string => `${s.uri}:${s.line}`;

test('the shards are disjoint, cover every scenario, and keep each topology on one shard', () => {
  const scenarios = suite();
  for (const count of [1, 2, 3, 4, 7]) {
    const shards = Array.from({ length: count }, (_, i) =>
      scenariosOfShard(scenarios, { index: i + 1, count }),
    );
    const all = shards.flat().map(key);
    assert.equal(new Set(all).size, all.length, `${count} shards overlap`);
    assert.deepEqual([...all].sort(), scenarios.map(key).sort(), `${count} shards miss some`);
    const shardOfTopology = new Map<string, number>();
    shards.forEach((members, index) => {
      for (const scenario of members) {
        const topology = topologyOf(scenario.steps);
        if (topology === undefined) continue;
        assert.equal(shardOfTopology.get(topology) ?? index, index, `${topology} split`);
        shardOfTopology.set(topology, index);
      }
    });
  }
});

test('the partition does not depend on the order the scenarios were listed in', () => {
  const scenarios = suite();
  const shuffled = [...scenarios].reverse();
  for (const index of [1, 2, 3]) {
    const shard = { index, count: 3 };
    assert.deepEqual(
      scenariosOfShard(shuffled, shard).map(key),
      scenariosOfShard(scenarios, shard).map(key),
    );
  }
});

test('the shards are balanced in estimated seconds as far as whole topologies allow', () => {
  const scenarios = suite();
  const seconds = [1, 2].map((index) =>
    scenariosOfShard(scenarios, { index, count: 2 }).reduce((t, s) => t + estimatedSeconds(s), 0),
  );
  // 32 scenarios of 2 s, 4 topology starts of 5 s: 84 s, split 42 / 42 at best
  assert.ok(Math.abs(seconds[0]! - seconds[1]!) <= 10, `unbalanced: ${seconds.join(' vs ')}`);
});

test('a scenario is estimated by the waits its steps name', () => {
  const steps = (...texts: string[]) => ({ steps: texts.map((text) => ({ text })) });
  assert.equal(estimatedSeconds(steps('I put "a" = "b"')), 2);
  assert.equal(
    estimatedSeconds(steps('the chaos experiment "x" runs for 20 s with seed 1', 'a')),
    22,
  );
  assert.equal(estimatedSeconds(steps('the link is down for 1500 ms', 'for 500 ms')), 4);
});

test('a long scenario weighs more than many short ones', () => {
  const chaos: ShardableScenario = {
    uri: 'features/chaos.feature',
    line: 3,
    steps: [{ text: 'the topology "slow" is running' }, { text: 'it runs for 60 s' }],
  };
  const shards = [1, 2].map((index) => scenariosOfShard([chaos, ...suite()], { index, count: 2 }));
  // 156 s in all: the 67 s group shares its shard with a few short ones only
  const withChaos = shards.find((members) => members.some((s) => key(s) === key(chaos)))!;
  const other = shards.find((members) => members !== withChaos)!;
  assert.ok(withChaos.length < 10 && other.length > 20, `${withChaos.length} vs ${other.length}`);
});

test('more shards than groups leaves some shards empty, never a scenario twice', () => {
  const scenarios = suite().slice(0, 3);
  const shards = [1, 2, 3].map((index) => scenariosOfShard(scenarios, { index, count: 3 }));
  assert.deepEqual(
    shards.map((s) => s.length),
    [3, 0, 0],
  );
});

test('--shard reads <index>/<count>; anything else is a usage error', () => {
  assert.deepEqual(parseShard('2/3'), { index: 2, count: 3 });
  for (const bad of ['0/2', '3/2', '1/0', 'a/b', '1', '1/2/3', '-1/2']) {
    assert.throws(
      () => parseShard(bad),
      (e) => isHarnessError(e) && e.code === 'WANLAB_USAGE' && e.message.includes(bad),
    );
  }
});

test('the location arguments name each feature once with the lines of its scenarios', () => {
  assert.deepEqual(
    locationArgs([
      { uri: 'features/a.feature', line: 4, steps: [] },
      { uri: 'features/b.feature', line: 9, steps: [] },
      { uri: 'features/a.feature', line: 12, steps: [] },
    ]),
    ['features/a.feature:4:12', 'features/b.feature:9'],
  );
});
