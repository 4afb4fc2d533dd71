import assert from 'node:assert/strict';
import { Then, When, type DataTable } from '@cucumber/cucumber';
import type { ReceiverStatus } from '../contract/index.js';
import { ControlApiError } from '../harness/client/control-client.js';
import { stateOf } from './support/scenario-state.js';
import type { WanWorld } from './support/world.js';

/**
 * A member's receiver removed and created again at runtime (issue 14, findings 5 and 7). The
 * replacement listens on the old port and advertises the old proxy addresses, so the links
 * of the deployment keep reaching it; the table's fields (JSON values) change the rest.
 */

const replaced = new WeakMap<WanWorld, ReceiverStatus>();

async function removeReceiver(world: WanWorld, name: string): Promise<void> {
  const client = world.deployment.member(name).client;
  const status = await client.receiver();
  replaced.set(world, status);
  if (status.running) await client.receiverAction('stop');
  await client.removeReceiver();
}

async function createReceiver(
  world: WanWorld,
  name: string,
  changes: Record<string, unknown>,
): Promise<void> {
  const old = replaced.get(world);
  assert.ok(old, 'no receiver was removed first');
  const config = {
    bindAddress: old.bindAddress,
    startPort: old.port ?? old.startPort,
    endPort: old.port ?? old.endPort,
    ...(old.advertise ? { advertise: old.advertise } : {}),
    ...changes,
  };
  try {
    await world.deployment.member(name).client.createReceiver(config);
    stateOf(world).refusal = undefined;
  } catch (error) {
    stateOf(world).refusal = error;
  }
}

function tableFields(table: DataTable): Record<string, unknown> {
  return Object.fromEntries(
    table.raw().map(([field, value]) => [field!, JSON.parse(value!) as unknown]),
  );
}

When('the receiver of member {string} is removed', async function (this: WanWorld, name: string) {
  await removeReceiver(this, name);
});

When(
  'a receiver is created on member {string} with:',
  async function (this: WanWorld, name: string, table: DataTable) {
    await createReceiver(this, name, tableFields(table));
  },
);

When(
  'the receiver of member {string} is replaced by one with:',
  async function (this: WanWorld, name: string, table: DataTable) {
    await removeReceiver(this, name);
    await createReceiver(this, name, tableFields(table));
    assert.equal(stateOf(this).refusal, undefined, `refused: ${String(stateOf(this).refusal)}`);
  },
);

Then('its hint mentions {string}', function (this: WanWorld, text: string) {
  const refusal = stateOf(this).refusal;
  assert.ok(refusal instanceof ControlApiError, `the request was not refused: ${String(refusal)}`);
  assert.ok(refusal.body?.hint.includes(text), `the hint was: ${refusal.body?.hint}`);
});

Then('member {string} has no gateway receiver', async function (this: WanWorld, name: string) {
  await assert.rejects(
    this.deployment.member(name).client.receiver(),
    (error: unknown) =>
      error instanceof ControlApiError && error.body?.code === 'WAN_ERR_RECEIVER_ABSENT',
  );
});

Then(
  'the last failure of sender {string} at site {site} names {string} in region {string} with code {string}',
  async function (
    this: WanWorld,
    id: string,
    site: string,
    key: string,
    region: string,
    code: string,
  ) {
    const failures = (await this.siteClient(site).sender(id)).recentFailures;
    const last = failures[failures.length - 1];
    assert.ok(last, 'the sender recorded no failure');
    assert.deepEqual(
      { key: last.key, region: last.region, code: last.code },
      { key, region, code },
    );
  },
);
