import assert from 'node:assert/strict';
import { When } from '@cucumber/cucumber';
import type { ToxicSpec, ToxicStream } from '../harness/links/toxics.js';
import { stateOf } from './support/scenario-state.js';
import type { WanWorld } from './support/world.js';

/**
 * Toxics on one link (every proxy of it). Toxiproxy's upstream is what the dialling site
 * sends, downstream what the other site answers; steps name the site instead.
 */
async function addToxic(world: WanWorld, from: string, to: string, by: string, toxic: ToxicSpec) {
  const deployment = world.deployment;
  const link = deployment.linkName(from, to);
  const sender = deployment.site(from).name;
  const answerer = deployment.site(to).name;
  const side = deployment.site(by).name;
  assert.ok(side === sender || side === answerer, `site ${by} is not an end of link ${link}`);
  const stream: ToxicStream = side === sender ? 'upstream' : 'downstream';
  const name = await deployment.links.addToxic(link, toxic, stream);
  stateOf(world).toxics.push({ link, name });
}

When(
  'the link from site {site} to site {site} delays the traffic from site {site} by {int} ms',
  async function (this: WanWorld, from: string, to: string, by: string, latencyMs: number) {
    await addToxic(this, from, to, by, { type: 'latency', latencyMs });
  },
);

When(
  'the link from site {site} to site {site} cuts every connection after {int} bytes from site {site}',
  async function (this: WanWorld, from: string, to: string, bytes: number, by: string) {
    await addToxic(this, from, to, by, { type: 'limit_data', bytes });
  },
);

When(
  'the link from site {site} to site {site} swallows the traffic from site {site}',
  async function (this: WanWorld, from: string, to: string, by: string) {
    await addToxic(this, from, to, by, { type: 'timeout', timeoutMs: 0 });
  },
);

When(
  'the link from site {site} to site {site} resets every connection {int} ms after site {site} sends',
  async function (this: WanWorld, from: string, to: string, afterMs: number, by: string) {
    await addToxic(this, from, to, by, { type: 'reset_peer', timeoutMs: afterMs });
  },
);

When(
  'the toxics are removed from the link from site {site} to site {site}',
  async function (this: WanWorld, from: string, to: string) {
    const link = this.deployment.linkName(from, to);
    const state = stateOf(this);
    for (const toxic of state.toxics.filter((t) => t.link === link)) {
      await this.deployment.links.removeToxic(link, toxic.name);
    }
    state.toxics = state.toxics.filter((t) => t.link !== link);
  },
);
