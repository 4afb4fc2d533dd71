import assert from 'node:assert/strict';
import { join } from 'node:path';
import { Then, When, type DataTable } from '@cucumber/cucumber';
import { runEngine } from '../harness/engines/engine-choice.js';
import { projectRoot } from '../harness/util/project-root.js';
import { stateOf } from './support/scenario-state.js';
import type { WanWorld } from './support/world.js';

const PROBE_TIMEOUT_MS = 20000;

/**
 * The engine validates its own configuration too: its driver starts a member process alone
 * with one sender that has the attributes of the table.
 */
When(
  'a member process starts with a sender that has:',
  async function (this: WanWorld, table: DataTable) {
    const attributes = Object.fromEntries(
      table.raw().map(([name, value]) => [name!, JSON.parse(value!) as unknown]),
    );
    const dir = join(projectRoot(), '.wanlab', 'probes', `${process.pid}-${Date.now()}`);
    const engine = runEngine();
    assert.ok(engine.probeSender, `the ${engine.name} driver cannot probe a member (config-probe)`);
    stateOf(this).probe = await engine.probeSender(attributes, dir, PROBE_TIMEOUT_MS);
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
