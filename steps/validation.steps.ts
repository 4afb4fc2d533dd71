import assert from 'node:assert/strict';
import { join } from 'node:path';
import { Then, When } from '@cucumber/cucumber';
import { parseTopology } from '../harness/topology/load-topology.js';
import { TopologyError } from '../harness/topology/topology-error.js';
import { formatPath } from '../harness/topology/yaml-locations.js';
import { projectRoot } from '../harness/util/project-root.js';
import { recordOf } from './support/scenario-record.js';
import type { WanWorld } from './support/world.js';

const CHECKED = 'checked topology';

/** Validates a topology as `wanlab up` would, before anything starts; files are named
 * relative to topologies/, as if the text were a file there. */
When('I check this topology:', function (this: WanWorld, text: string) {
  recordOf(this).notes.set(CHECKED, checkTopology(text));
});

/**
 * A two-site topology whose first site defines `count` senders to the second: a file too long
 * to write out in a scenario, built the way a user's generator would write it.
 */
When(
  'I check a two-site topology whose site {string} defines {int} senders',
  function (this: WanWorld, site: string, count: number) {
    const senders = Array.from(
      { length: count },
      (_, i) => `      - { id: to-b-${i}, remoteSite: b }`,
    ).join('\n');
    const text = [
      'name: many-senders',
      'sites:',
      `  - name: ${site}`,
      '    id: 1',
      `    members: [${site}-m1]`,
      '    senders:',
      senders,
      '  - name: b',
      '    id: 2',
      '    members: [b-m1]',
      '',
    ].join('\n');
    recordOf(this).notes.set(CHECKED, checkTopology(text));
  },
);

function checkTopology(text: string): TopologyError | 'accepted' {
  const file = join(projectRoot(), 'topologies', 'scenario.yaml');
  try {
    parseTopology(text, file);
    return 'accepted';
  } catch (error) {
    if (!(error instanceof TopologyError)) throw error;
    return error;
  }
}

function checked(world: WanWorld): TopologyError | 'accepted' {
  const outcome = recordOf(world).notes.get(CHECKED) as TopologyError | 'accepted' | undefined;
  assert.ok(outcome, 'no topology was checked in this scenario');
  return outcome;
}

Then('it is accepted', function (this: WanWorld) {
  const outcome = checked(this);
  assert.equal(outcome, 'accepted', outcome === 'accepted' ? '' : outcome.message);
});

Then(
  'it is rejected at line {int}, field {string}, saying:',
  function (this: WanWorld, line: number, field: string, message: string) {
    const outcome = checked(this);
    assert.notEqual(outcome, 'accepted', 'the topology was accepted');
    const error = outcome as TopologyError;
    const issue = error.issues.find(
      (i) => i.location.line === line && formatPath(i.path) === field,
    );
    assert.ok(issue, `no problem at line ${line}, field ${field}:\n${error.message}`);
    assert.ok(
      issue.message.includes(message.trim()),
      `the problem says:\n${issue.message}\nnot:\n${message.trim()}`,
    );
    assert.ok(
      error.message.includes(`scenario.yaml:${line}:`),
      'the message does not name the file and line',
    );
  },
);
