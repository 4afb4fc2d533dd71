import assert from 'node:assert/strict';
import { join } from 'node:path';
import { test } from 'node:test';
import { projectRoot } from '../util/project-root.js';
import { ExperimentError } from './experiment-error.js';
import { loadExperiment, parseExperiment } from './load-experiment.js';

const file = join(projectRoot(), 'experiments', 'test.yaml');

const valid = `name: flaps
topology: two-site
timeLimitS: 20
workload:
  region: data
  keys: 10
nemesis:
  faults:
    - kind: latency
      links: [site1->site2]
      latencyMs: { min: 10, max: 50 }
    - kind: member-freeze
      members: [site2-m1]
checkers: [convergence, no-loss]
`;

function rejection(text: string): ExperimentError {
  try {
    parseExperiment(text, file);
  } catch (error) {
    if (error instanceof ExperimentError) return error;
    throw error;
  }
  assert.fail('expected the experiment to be rejected');
}

test('a valid experiment resolves with its topology and defaults', () => {
  const e = parseExperiment(valid, file);
  assert.equal(e.topology.name, 'two-site');
  assert.equal(e.timeLimitMs, 20000);
  assert.deepEqual(e.workload.sites, ['site1', 'site2']);
  assert.equal(e.workload.concurrency, 4);
  assert.deepEqual(e.nemesis.faults[0]!.targets, [{ type: 'link', link: 'site1->site2' }]);
  assert.deepEqual(e.nemesis.faults[0]!.params.latencyMs, { min: 10, max: 50 });
  assert.deepEqual(e.nemesis.faults[1]!.targets, [{ type: 'member', member: 'site2-m1' }]);
  assert.deepEqual(
    e.checkers.map((c) => c.name),
    ['convergence', 'no-loss'],
  );
});

test('every shipped experiment loads', () => {
  for (const name of [
    'link-flapping',
    'lost-acks',
    'skewed-conflicts',
    'mesh-partitions',
    'product-faults',
  ])
    assert.equal(loadExperiment(name).name, name);
});

test('an unknown field is reported with file, line and path', () => {
  const error = rejection(valid.replace('  keys: 10', '  keys: 10\n  kyes: 3'));
  assert.equal(error.issues[0]!.location.line, 7);
  assert.match(error.message, /test\.yaml:7:3 workload\.kyes: unknown field "kyes"/);
});

test('an unknown fault kind is rejected at its line', () => {
  const error = rejection(valid.replace('kind: latency', 'kind: lightning'));
  assert.equal(error.issues.length, 1, error.message);
  assert.deepEqual(error.issues[0]!.path, ['nemesis', 'faults', 0, 'kind']);
  assert.equal(error.issues[0]!.location.line, 9);
  assert.match(error.message, /unknown kind "lightning"/);
  assert.match(error.issues[0]!.hint, /link-down, blackhole, reset-peer/);
});

test('a field of another fault kind is reported against the kind meant', () => {
  const error = rejection(
    valid.replace(
      'latencyMs: { min: 10, max: 50 }',
      'latencyMs: { min: 10, max: 50 }\n      rateKbPerS: 5',
    ),
  );
  assert.equal(error.issues.length, 1, error.message);
  assert.match(error.message, /nemesis\.faults\[0\]\.rateKbPerS: unknown field/);
});

test('a fault aimed at an unknown link is rejected before anything runs', () => {
  const error = rejection(valid.replace('links: [site1->site2]', 'links: [site1->site9]'));
  assert.deepEqual(error.issues[0]!.path, ['nemesis', 'faults', 0, 'links', 0]);
  assert.match(error.issues[0]!.message, /link "site1->site9" is not in the topology/);
  assert.match(error.issues[0]!.hint, /site1->site2, site2->site1/);
  assert.equal(error.issues[0]!.location.line, 10);
});

test('a fault aimed at an unknown member is rejected', () => {
  const error = rejection(valid.replace('members: [site2-m1]', 'members: [site2-m7]'));
  assert.match(error.message, /member "site2-m7" is not in the topology/);
  assert.equal(error.issues[0]!.location.line, 13);
});

test('a range that ends before it starts is rejected', () => {
  const error = rejection(valid.replace('{ min: 10, max: 50 }', '{ min: 50, max: 10 }'));
  assert.deepEqual(error.issues[0]!.path, ['nemesis', 'faults', 0, 'latencyMs', 'min']);
});

test('a workload region a written site does not define is rejected', () => {
  const error = rejection(valid.replace('region: data', 'region: orders'));
  assert.match(error.message, /site "site1" does not define region "orders"/);
});

test('a missing topology is rejected at the topology field', () => {
  const error = rejection(valid.replace('topology: two-site', 'topology: nine-site'));
  assert.equal(error.issues[0]!.location.line, 2);
  assert.match(error.message, /topology "nine-site" not found/);
});

test('a scheduled fault after the time limit is rejected', () => {
  const error = rejection(
    valid.replace(
      '  faults:',
      '  schedule:\n    - atMs: 30000\n      fault: { kind: link-down }\n  faults:',
    ),
  );
  assert.deepEqual(error.issues[0]!.path, ['nemesis', 'schedule', 0, 'atMs']);
});

test('a checker listed twice is rejected', () => {
  const error = rejection(valid.replace('[convergence, no-loss]', '[convergence, convergence]'));
  assert.deepEqual(error.issues[0]!.path, ['checkers', 1]);
});

test('a rebalance fault that reaches only serial senders is refused: it can only end unknown', () => {
  const rebalance = valid.replace(
    '    - kind: member-freeze\n      members: [site2-m1]\n',
    '    - kind: rebalance\n',
  );
  const error = rejection(rebalance);
  assert.equal(error.issues.length, 1);
  assert.match(
    error.issues[0]!.message,
    /rebalance fault can only end unknown: every sender .* serial/,
  );
  assert.deepEqual(error.issues[0]!.location, { line: 12, column: 7 });
  assert.match(error.issues[0]!.hint, /parallel: true/);
});

test('a rebalance fault on a topology with parallel senders is accepted', () => {
  const text = `name: rebalancing\ntopology: parallel\nworkload:\n  region: orders\nnemesis:\n  faults:\n    - kind: rebalance\n`;
  assert.equal(parseExperiment(text, file).nemesis.faults[0]!.kind, 'rebalance');
});
