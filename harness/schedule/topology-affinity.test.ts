import assert from 'node:assert/strict';
import { test } from 'node:test';
import { planOf, type SchedulePlan } from './schedule-plan.js';
import { TopologyAffinity, type PickleLike } from './topology-affinity.js';

/** Scenarios in feature order: `counts` scenarios per topology, features of ~5 scenarios. */
function scenarios(counts: Array<[string, number]>): PickleLike[] {
  return counts.flatMap(([topology, n]) =>
    Array.from({ length: n }, (_, i) => ({
      id: `${topology}#${i}`,
      steps: [{ text: `the topology "${topology}" is running` }, { text: 'I put "k" = "v"' }],
    })),
  );
}

interface Outcome {
  ran: number;
  starts: number;
  forced: number;
  finishedAt: number;
}

/**
 * A model of cucumber 12's parallel coordinator (lib/runtime/parallel/adapter.js): workers
 * become ready one by one; an idle worker gets the first waiting scenario the validator
 * accepts; if no worker is busy and none was accepted, the first is forced on one. Each
 * worker keeps an LRU pool of `poolSize` deployments: a scenario on a topology not in it
 * starts one (cost startMs), otherwise resets it (cost 0).
 */
function simulate(
  todo: PickleLike[],
  workers: number,
  canAssign: ((p: PickleLike, running: PickleLike[]) => boolean) | undefined,
  options: { poolSize?: number; scenarioMs?: (i: number) => number; startMs?: number } = {},
): Outcome {
  const poolSize = options.poolSize ?? 2;
  const startMs = options.startMs ?? 5000;
  const scenarioMs = options.scenarioMs ?? ((i: number) => 1000 + ((i * 7919) % 2000));
  const waiting = [...todo];
  const busy = new Map<number, { pickle: PickleLike; until: number }>();
  const pools = Array.from({ length: workers }, () => [] as string[]);
  let now = 0;
  const outcome: Outcome = { ran: 0, starts: 0, forced: 0, finishedAt: 0 };
  const run = (worker: number, pickle: PickleLike): void => {
    const topology = /"([^"]*)"/.exec(pickle.steps[0]!.text)![1]!;
    const pool = pools[worker]!;
    let cost = scenarioMs(outcome.ran);
    if (!pool.includes(topology)) {
      outcome.starts++;
      cost += startMs;
    }
    pools[worker] = [...pool.filter((t) => t !== topology), topology].slice(-poolSize);
    waiting.splice(waiting.indexOf(pickle), 1);
    busy.set(worker, { pickle, until: now + cost });
    outcome.ran++;
  };
  const giveWork = (worker: number): void => {
    const running = [...busy.values()].map((b) => b.pickle);
    const next = waiting.find((p) => !canAssign || canAssign(p, running));
    if (next) run(worker, next);
  };
  const awaken = (trigger: number): void => {
    for (let w = 0; w < workers; w++) if (!busy.has(w) && ready.has(w)) giveWork(w);
    if (busy.size === 0 && waiting.length > 0) {
      outcome.forced++;
      run(trigger, waiting[0]!);
    }
  };
  const ready = new Set<number>();
  for (let w = 0; w < workers; w++) {
    ready.add(w);
    awaken(w);
  }
  while (busy.size > 0) {
    const [worker, job] = [...busy.entries()].sort((a, b) => a[1].until - b[1].until)[0]!;
    now = job.until;
    busy.delete(worker);
    awaken(worker);
  }
  outcome.finishedAt = now;
  return outcome;
}

const SUITE = scenarios([
  ['two-site', 30],
  ['three-site', 12],
  ['ha', 10],
  ['partitioned', 8],
  ['chain', 5],
  ['two-site-persistent', 5],
]);

function affinity(plan: SchedulePlan = planOf(SUITE), poolSize = 2): TopologyAffinity {
  return new TopologyAffinity(plan, poolSize);
}

test('every scenario runs, none is forced, and each worker is found', () => {
  const scheduler = affinity();
  const outcome = simulate(SUITE, 3, (p, r) => scheduler.canAssign(p, r));
  assert.equal(outcome.ran, SUITE.length);
  assert.equal(outcome.forced, 0);
  assert.equal(scheduler.workers, 3);
});

test('topologies stay on their workers: far fewer starts than without affinity', () => {
  const scheduler = affinity();
  const withAffinity = simulate(SUITE, 3, (p, r) => scheduler.canAssign(p, r));
  const without = simulate(SUITE, 3, undefined);
  // Six topologies; the tail of the run may share the largest ones.
  assert.ok(withAffinity.starts <= 9, `${withAffinity.starts} starts`);
  assert.ok(without.starts >= 14, `${without.starts} starts without affinity`);
  assert.ok(
    withAffinity.finishedAt < without.finishedAt,
    `${withAffinity.finishedAt} ms with affinity, ${without.finishedAt} ms without`,
  );
});

test('one big topology is shared by all workers rather than leaving them idle', () => {
  const suite = scenarios([['two-site', 40]]);
  const scheduler = affinity(planOf(suite));
  const outcome = simulate(suite, 3, (p, r) => scheduler.canAssign(p, r));
  assert.equal(outcome.starts, 3);
  assert.equal(outcome.forced, 0);
});

test('a few scenarios left on a topology are not worth a second start', () => {
  const suite = scenarios([['two-site', 5]]);
  const scheduler = affinity(planOf(suite));
  const outcome = simulate(suite, 3, (p, r) => scheduler.canAssign(p, r));
  assert.equal(outcome.starts, 1);
  assert.equal(outcome.ran, 5);
});

test('a wrong plan only costs a wait: every scenario still runs', () => {
  const wrong: SchedulePlan = {
    scenariosPerTopology: { 'two-site': 300, 'three-site': 1, ha: 0, partitioned: 8 },
  };
  const scheduler = affinity(wrong);
  const outcome = simulate(SUITE, 3, (p, r) => scheduler.canAssign(p, r));
  assert.equal(outcome.ran, SUITE.length);
});

test('scenarios without a topology step go to any worker at once', () => {
  const scheduler = affinity({ scenariosPerTopology: {} });
  assert.equal(
    scheduler.canAssign({ id: 'a', steps: [{ text: 'a topology file "x" is checked' }] }, []),
    true,
  );
});

test('on random suites it never forces a scenario and never starts more than without it', () => {
  let seed = 7;
  const random = (): number => {
    seed = (seed * 1103515245 + 12345) % 2147483648;
    return seed / 2147483648;
  };
  for (let trial = 0; trial < 25; trial++) {
    const counts = Array.from(
      { length: 1 + Math.floor(random() * 8) },
      (_, i): [string, number] => [`t${i}`, 1 + Math.floor(random() * 25)],
    );
    const suite = scenarios(counts);
    const workers = 2 + Math.floor(random() * 3);
    const durations = suite.map(() => 500 + random() * 4000);
    const scenarioMs = (i: number): number => durations[i]!;
    const scheduler = affinity(planOf(suite));
    const outcome = simulate(suite, workers, (p, r) => scheduler.canAssign(p, r), { scenarioMs });
    const without = simulate(suite, workers, undefined, { scenarioMs });
    const label = `trial ${trial}: ${JSON.stringify(counts)} on ${workers} workers`;
    assert.equal(outcome.ran, suite.length, label);
    assert.equal(outcome.forced, 0, label);
    assert.ok(outcome.starts <= without.starts, `${label}: ${outcome.starts} > ${without.starts}`);
  }
});
