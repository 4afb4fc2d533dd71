import assert from 'node:assert/strict';
import { join } from 'node:path';
import { Then, When, type DataTable } from '@cucumber/cucumber';
import { probeMember } from '../harness/deployment/probe-member.js';
import { projectRoot } from '../harness/util/project-root.js';
import { stateOf } from './support/scenario-state.js';
import type { WanWorld } from './support/world.js';

const PROBE_TIMEOUT_MS = 20000;

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
