import assert from 'node:assert/strict';
import { test } from 'node:test';
import type { Capability } from '../../contract/index.js';
import { preflight } from '../nemesis/preflight.js';
import type { PlannedFault } from '../nemesis/planned-fault.js';
import { judge } from './run-checkers.js';
import { HistoryBuilder } from './testing/history-builder.js';
import { combine } from './verdict.js';

function history() {
  const h = new HistoryBuilder();
  h.phase('workload-start');
  const w = h.write('site1', 'k1');
  h.advance(100).apply('site2', w);
  h.phase('healed').advance(100).phase('quiescent').finals();
  return h.build();
}

test('a checker the engine cannot feed is n/a; the others judge the run', () => {
  const built = history();
  const h = {
    ...built,
    run: {
      ...built.run,
      notApplicable: [
        { checker: 'duplicates', engine: 'geode', missing: ['possible-duplicate-flag'] },
      ],
    },
  };
  const verdict = judge(h, [{ name: 'convergence' }, { name: 'duplicates' }]);
  assert.deepEqual(
    verdict.results.map((r) => [r.checker, r.verdict]),
    [
      ['convergence', 'pass'],
      ['duplicates', 'n/a'],
    ],
  );
  assert.equal(
    verdict.results[1]!.summary,
    'not applicable on geode: it lacks possible-duplicate-flag',
  );
  assert.equal(verdict.verdict, 'pass');
});

test('n/a counts for nothing: a fail still fails, and nothing judged is unknown', () => {
  assert.equal(combine(['pass', 'n/a']), 'pass');
  assert.equal(combine(['fail', 'n/a']), 'fail');
  assert.equal(combine(['n/a']), 'unknown');
  assert.equal(combine([]), 'unknown');
});

test('preflight refuses a fault the engine cannot act through, and lists checkers it cannot feed', () => {
  const engine = (capabilities: Capability[]) => ({
    engineName: 'geode',
    capabilities: new Set<Capability>(capabilities),
  });
  const skew = [{ kind: 'clock-skew' }] as unknown as PlannedFault[];
  assert.throws(
    () => preflight(skew, ['convergence'], engine(['applied-log'])),
    /the experiment needs clock-offset, which the geode engine does not have/,
  );
  assert.deepEqual(preflight([], ['convergence', 'duplicates'], engine(['applied-log'])), [
    { checker: 'duplicates', engine: 'geode', missing: ['possible-duplicate-flag'] },
  ]);
  assert.deepEqual(
    preflight([], ['duplicates'], engine(['applied-log', 'possible-duplicate-flag'])),
    [],
  );
  assert.throws(
    () => preflight([], ['convergence'], engine([])),
    /the experiment needs applied-log/,
  );
});
