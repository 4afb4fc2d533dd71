import assert from 'node:assert/strict';
import { setTimeout as delay } from 'node:timers/promises';
import { Then, When } from '@cucumber/cucumber';
import { WriteLoad } from '../harness/load/write-load.js';
import { memoryOf } from './support/site-memory.js';
import type { WanWorld } from './support/world.js';

/** A steady write load that survives member faults, and what it proves (issue 4). */

const LOAD_CONCURRENCY = 4;
const LOAD_REQUEST_TIMEOUT_MS = 3000;
const LOAD_KEY_DEADLINE_MS = 60000;
/** Within the step timeout of 120 s, so a stuck load fails with what it saw. */
const LOAD_COMPLETION_MS = 90000;

When(
  'a write load of {int} entries with prefix {string} runs against region {string} at site {site}',
  function (this: WanWorld, count: number, prefix: string, region: string, site: string) {
    const siteName = this.deployment.site(site).name;
    const load = new WriteLoad({
      region,
      prefix,
      count,
      concurrency: LOAD_CONCURRENCY,
      requestTimeoutMs: LOAD_REQUEST_TIMEOUT_MS,
      keyDeadlineMs: LOAD_KEY_DEADLINE_MS,
      targets: () =>
        this.deployment
          .members(siteName)
          .filter((m) => m.state === 'running')
          .map((m) => ({ name: m.name, client: m.client })),
    });
    load.start();
    memoryOf(this).load = load;
  },
);

When('{int} writes of the load are acknowledged', async function (this: WanWorld, count: number) {
  const load = memoryOf(this).load;
  assert.ok(load, 'no write load is running');
  await load.untilAcknowledged(count);
  assert.ok(load.acknowledged.length >= count, 'the load ended before enough acknowledgements');
});

Then('the write load completes', async function (this: WanWorld) {
  const load = memoryOf(this).load;
  assert.ok(load, 'no write load is running');
  const finished = await Promise.race([
    load.finished().then(() => true),
    delay(LOAD_COMPLETION_MS).then(() => false),
  ]);
  if (!finished) {
    load.stop();
    const pending = load.records.filter((r) => !r.acknowledged);
    assert.fail(
      `the load did not finish within ${LOAD_COMPLETION_MS} ms: ${load.acknowledged.length} acknowledged, ${pending.length} pending, e.g. ${pending
        .slice(0, 3)
        .map((r) => `${r.key} after ${r.attempts} attempts (${r.lastError})`)
        .join('; ')}`,
    );
  }
  const lost = load.records.filter((r) => !r.acknowledged);
  assert.equal(
    lost.length,
    0,
    `writes never acknowledged: ${lost
      .slice(0, 5)
      .map((r) => `${r.key} (${r.lastError})`)
      .join('; ')}`,
  );
});

/** Every write the site acknowledged is at the remote site, with the value written. */
Then(
  'every acknowledged write of the load eventually reaches region {string} at site {site}',
  async function (this: WanWorld, region: string, site: string) {
    const load = memoryOf(this).load;
    assert.ok(load, 'no write load ran');
    const expected = new Map(load.acknowledged.map((r) => [r.key, r.value]));
    const client = this.siteClient(site);
    await this.eventually(
      `all ${expected.size} acknowledged writes at site ${site}`,
      async () => {
        const entries = new Map((await client.entries(region)).map((e) => [e.key, e.value]));
        const missing = [...expected].filter(([key, value]) => entries.get(key) !== value);
        return { missing: missing.length, first: missing.slice(0, 5).map(([k]) => k) };
      },
      (observed) => observed.missing === 0,
    );
  },
);
