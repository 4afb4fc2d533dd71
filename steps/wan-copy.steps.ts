import assert from 'node:assert/strict';
import { type DataTable, Then, When } from '@cucumber/cucumber';
import type { WanCopyStatus } from '../contract/index.js';
import { ControlApiError } from '../harness/client/control-client.js';
import type { MemberClient } from '../harness/client/member-client.js';
import { recordOf } from './support/scenario-record.js';
import type { WanWorld } from './support/world.js';

/**
 * wan-copy (issue 15, GEODE-7): a region's existing entries copied to a sender's remote site
 * through POST /v1/regions/:region/wan-copy, followed through GET /v1/wan-copies/:id. The
 * scenario's last copy is remembered with the member that runs it.
 */

interface StartedCopy {
  client: MemberClient;
  id: string;
}

const NOTE = 'wan-copy';

function lastCopy(world: WanWorld): StartedCopy {
  const copy = recordOf(world).notes.get(NOTE) as StartedCopy | undefined;
  assert.ok(copy, 'no wan-copy was started in this scenario');
  return copy;
}

async function startCopy(
  world: WanWorld,
  site: string,
  region: string,
  request: { senderId: string; maxRatePerSecond?: number; batchSize?: number },
): Promise<void> {
  const { client } = world.siteMember(site);
  const status = await client.wanCopy(region, request);
  recordOf(world).notes.set(NOTE, { client, id: status.id } satisfies StartedCopy);
}

When(
  'I wan-copy region {string} at site {site} through sender {string}',
  async function (this: WanWorld, region: string, site: string, senderId: string) {
    await startCopy(this, site, region, { senderId });
  },
);

When(
  'I wan-copy region {string} at site {site} through sender {string} at most {int} entries per second in batches of {int}',
  async function (
    this: WanWorld,
    region: string,
    site: string,
    senderId: string,
    maxRatePerSecond: number,
    batchSize: number,
  ) {
    await startCopy(this, site, region, { senderId, maxRatePerSecond, batchSize });
  },
);

When('I cancel the wan-copy', async function (this: WanWorld) {
  const { client, id } = lastCopy(this);
  await client.cancelWanCopy(id);
});

Then(
  'the wan-copy eventually ends {string} having copied {int} of {int} entries',
  async function (this: WanWorld, state: string, copied: number, total: number) {
    const { client, id } = lastCopy(this);
    const status = await this.eventually(
      `wan-copy ${id} to end`,
      () => client.wanCopyStatus(id),
      (s) => s.state !== 'running',
    );
    assert.deepEqual(
      { state: status.state, copied: status.copied, total: status.total },
      { state, copied, total },
      `wan-copy ${id}: ${JSON.stringify(status)}`,
    );
  },
);

Then(
  'the wan-copy eventually ends {string} having copied fewer than {int} entries',
  async function (this: WanWorld, state: string, fewerThan: number) {
    const { client, id } = lastCopy(this);
    const status = await this.eventually(
      `wan-copy ${id} to end`,
      () => client.wanCopyStatus(id),
      (s) => s.state !== 'running',
    );
    assert.equal(status.state, state, JSON.stringify(status));
    assert.ok(status.copied < fewerThan, `copied ${status.copied}, not fewer than ${fewerThan}`);
  },
);

Then(
  'the wan-copy is seen running with some but not all entries copied',
  async function (this: WanWorld) {
    const { client, id } = lastCopy(this);
    await this.eventually(
      `wan-copy ${id} to report progress while running`,
      () => client.wanCopyStatus(id),
      (s: WanCopyStatus) => s.state === 'running' && s.copied > 0 && s.copied < s.total,
    );
  },
);

/** Its own monotonic clock, as the engine reports it: no timing of the test itself. */
Then(
  'the wan-copy took at least {int} ms by its own clock',
  async function (this: WanWorld, atLeastMs: number) {
    const { client, id } = lastCopy(this);
    const status = await client.wanCopyStatus(id);
    assert.ok(
      status.elapsedMs >= atLeastMs,
      `wan-copy ${id} took ${status.elapsedMs} ms for ${status.copied} entries at most ${status.maxRatePerSecond}/s`,
    );
  },
);

Then(
  'wan-copy requests at site {site} are refused:',
  async function (this: WanWorld, site: string, table: DataTable) {
    const { client } = this.siteMember(site);
    for (const row of table.hashes()) {
      const error = await client.wanCopy(row.region!, { senderId: row.sender! }).then(
        () => undefined,
        (e: unknown) => e,
      );
      assert.ok(error instanceof ControlApiError, `wan-copy ${JSON.stringify(row)} was accepted`);
      assert.deepEqual(
        { status: error.status, code: error.body?.code },
        { status: Number(row.status), code: row.code },
        `wan-copy ${JSON.stringify(row)}: ${error.message}`,
      );
    }
  },
);

Then(
  'region {string} at site {site} stays below {int} entries for {int} ms',
  async function (this: WanWorld, region: string, site: string, count: number, durationMs: number) {
    const client = this.siteClient(site);
    await this.staysTrue(
      `fewer than ${count} entries in ${region} at site ${site}`,
      durationMs,
      () => client.size(region),
      (size) => size < count,
    );
  },
);
