import assert from 'node:assert/strict';
import { join } from 'node:path';
import { test } from 'node:test';
import { HarnessError } from '../errors.js';
import { loadTopology } from '../topology/load-topology.js';
import { projectRoot } from '../util/project-root.js';
import { adHocExperiment } from './ad-hoc-experiment.js';

const topology = loadTopology(join(projectRoot(), 'topologies', 'two-site.yaml'));

test('a scenario names fault families; sender faults aim at the written sites only', () => {
  const e = adHocExperiment(topology, {
    region: 'data',
    sites: ['site1'],
    seconds: 12,
    families: ['pause', 'link'],
  });
  assert.equal(e.timeLimitMs, 12000);
  assert.deepEqual(e.workload.sites, ['site1']);
  const pause = e.nemesis.faults.find((f) => f.kind === 'sender-pause')!;
  assert.deepEqual(pause.targets, [{ type: 'sender', member: 'site1-m1', sender: 'to-site2' }]);
  assert.ok(e.nemesis.faults.some((f) => f.kind === 'limit-data'));
});

test('an unknown family is a usage error naming the families there are', () => {
  assert.throws(
    () =>
      adHocExperiment(topology, {
        region: 'data',
        sites: ['site1'],
        seconds: 5,
        families: ['lightning'],
      }),
    (e: unknown) =>
      e instanceof HarnessError &&
      /no fault family "lightning"/.test(e.message) &&
      /families: link, partition/.test(e.hint),
  );
});

test('a region the sites do not define is rejected like in an experiment file', () => {
  assert.throws(
    () =>
      adHocExperiment(topology, {
        region: 'orders',
        sites: ['site1'],
        seconds: 5,
        families: ['link'],
      }),
    /site "site1" does not define region "orders"/,
  );
});
