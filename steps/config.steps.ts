import assert from 'node:assert/strict';
import { join } from 'node:path';
import { Then, When, type DataTable } from '@cucumber/cucumber';
import { TopologyError } from '../harness/topology/topology-error.js';
import { parseTopology } from '../harness/topology/load-topology.js';
import { probeMember } from '../harness/deployment/probe-member.js';
import { projectRoot } from '../harness/util/project-root.js';
import { stateOf } from './support/scenario-state.js';
import type { WanWorld } from './support/world.js';

const PROBE_TIMEOUT_MS = 20000;

When('I load this topology:', function (this: WanWorld, text: string) {
  try {
    stateOf(this).loaded = { topology: parseTopology(text, 'scenario.yaml') };
  } catch (error) {
    stateOf(this).loaded = { error };
  }
});

Then('the topology is accepted', function (this: WanWorld) {
  const loaded = stateOf(this).loaded;
  assert.ok(
    loaded && 'topology' in loaded,
    `it was rejected: ${String(loaded && 'error' in loaded ? loaded.error : '')}`,
  );
});

Then(
  'the topology is rejected at line {int} with {string}',
  function (this: WanWorld, line: number, text: string) {
    const loaded = stateOf(this).loaded;
    assert.ok(loaded && 'error' in loaded, 'the topology was accepted');
    assert.ok(loaded.error instanceof TopologyError, `unexpected error: ${String(loaded.error)}`);
    const issue = loaded.error.issues.find((i) => i.message.includes(text));
    assert.ok(issue, `no problem saying "${text}" in:\n${loaded.error.message}`);
    assert.equal(
      issue.location.line,
      line,
      `reported at ${issue.location.line}:${issue.location.column}`,
    );
  },
);

/**
 * The engine validates its own configuration too: a member process is started from a
 * hand-written file whose one sender has the attributes of the table.
 */
When(
  'a member process starts with a sender that has:',
  async function (this: WanWorld, table: DataTable) {
    const attributes = Object.fromEntries(
      table.raw().map(([name, value]) => [name!, JSON.parse(value!) as unknown]),
    );
    const dir = join(projectRoot(), '.wanlab', 'probes', `${process.pid}-${Date.now()}`);
    stateOf(this).probe = await probeMember(
      dir,
      (controlPort) => ({
        name: 'probe',
        site: { name: 'probe-site', distributedSystemId: 1 },
        locators: ['127.0.0.1:9'],
        control: { host: '127.0.0.1', port: controlPort },
        dataDir: join(dir, 'data'),
        log: { file: join(dir, 'probe.log'), level: 'warn' },
        senders: [{ id: 'probe-sender', remoteDistributedSystemId: 2, ...attributes }],
      }),
      PROBE_TIMEOUT_MS,
    );
  },
);

Then('the member process starts', function (this: WanWorld) {
  const probe = stateOf(this).probe;
  assert.deepEqual(probe?.kind, 'started', probe?.kind === 'exited' ? probe.output : 'no probe');
});

Then(
  'the member process exits with code {int} saying {string}',
  function (this: WanWorld, code: number, text: string) {
    const probe = stateOf(this).probe;
    assert.ok(probe?.kind === 'exited', 'the member started');
    assert.equal(probe.code, code, probe.output);
    assert.ok(probe.output.includes(text), `its output was:\n${probe.output}`);
  },
);
