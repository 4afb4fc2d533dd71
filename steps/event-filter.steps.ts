import { basename } from 'node:path';
import { Then, When } from '@cucumber/cucumber';
import type { SenderStatus } from '../contract/index.js';
import { recordOf } from './support/scenario-record.js';
import type { WanWorld } from './support/world.js';

/**
 * Gateway event filters (issue 15, GEODE-3): a filter reports its own counters through
 * stats(), shown per member in the sender's status (`filters`). A deployment is reused across
 * scenarios, so counts are compared with what was noted in the scenario.
 */

/** The filter is named by its module's file name without extension (`count-acks`). */
function filterCount(status: SenderStatus, filter: string, stat: string): number {
  const found = (status.filters ?? []).find(
    (f) => basename(f.module).replace(/\.[^.]+$/, '') === filter,
  );
  return found?.stats[stat] ?? 0;
}

async function siteFilterCount(
  world: WanWorld,
  site: string,
  sender: string,
  filter: string,
  stat: string,
): Promise<number> {
  const members = world.deployment
    .members(world.deployment.site(site).name)
    .filter((m) => m.state === 'running');
  const statuses = await Promise.all(members.map((m) => m.client.sender(sender)));
  return statuses.reduce((sum, status) => sum + filterCount(status, filter, stat), 0);
}

const noteKey = (site: string, sender: string, filter: string, stat: string): string =>
  `filter ${filter} of ${sender} at ${site}: ${stat}`;

When(
  'the {string} count of filter {string} of sender {string} at site {site} is noted',
  async function (this: WanWorld, stat: string, filter: string, sender: string, site: string) {
    const count = await siteFilterCount(this, site, sender, filter, stat);
    recordOf(this).notes.set(noteKey(site, sender, filter, stat), count);
  },
);

async function countsMore(
  world: WanWorld,
  [filter, sender, more, stat, site]: [string, string, number, string, string],
  atLeast: boolean,
): Promise<void> {
  const noted = recordOf(world).notes.get(noteKey(site, sender, filter, stat));
  const before = typeof noted === 'number' ? noted : 0;
  await world.eventually(
    `filter ${filter} of sender ${sender} to count ${atLeast ? 'at least ' : ''}${more} more "${stat}" over site ${site}`,
    () => siteFilterCount(world, site, sender, filter, stat),
    (count) => (atLeast ? count - before >= more : count - before === more),
  );
}

Then(
  'filter {string} of sender {string} eventually counts {int} more {string} over the members of site {site}',
  async function (this: WanWorld, f: string, id: string, n: number, stat: string, site: string) {
    await countsMore(this, [f, id, n, stat, site], false);
  },
);

/** A hook a resend calls again (Geode's beforeTransmit runs on every peek) counts at least. */
Then(
  'filter {string} of sender {string} eventually counts at least {int} more {string} over the members of site {site}',
  async function (this: WanWorld, f: string, id: string, n: number, stat: string, site: string) {
    await countsMore(this, [f, id, n, stat, site], true);
  },
);
