import assert from 'node:assert/strict';
import { Then } from '@cucumber/cucumber';
import { appliedSinceNoted } from './support/baseline.js';
import type { WanWorld } from './support/world.js';

/**
 * RECV-7: the receiving site applied events from both sending sites in turn, again and again:
 * its receiver was taking both sites' batches at the same time, not one site's queue after
 * the other's. Counted on the site's applied log (remote events of the region, in log order).
 */
Then(
  'site {site} applied the events of region {string} from sites {site} and {site} in turn at least {int} times',
  async function (
    this: WanWorld,
    site: string,
    region: string,
    first: string,
    second: string,
    times: number,
  ) {
    const ids = new Set([this.deployment.site(first).id, this.deployment.site(second).id]);
    const senders = (await appliedSinceNoted(this, this.siteMember(site)))
      .filter((a) => a.source === 'remote' && a.event.region === region)
      .map((a) => a.fromDsid)
      .filter((dsid): dsid is number => dsid !== undefined && ids.has(dsid));
    const turns = senders.filter((dsid, i) => i > 0 && dsid !== senders[i - 1]).length;
    assert.equal(
      new Set(senders).size,
      2,
      `site ${site} applied events from ${[...new Set(senders)]}`,
    );
    assert.ok(
      turns >= times,
      `the sending site changed ${turns} times in ${senders.length} events`,
    );
  },
);
