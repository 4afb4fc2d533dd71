import assert from 'node:assert/strict';
import { join } from 'node:path';
import { DataTable, Then } from '@cucumber/cucumber';
import type { ConflictStatistics } from '../contract/index.js';
import { Deployment } from '../harness/deployment/deployment.js';
import { isHarnessError } from '../harness/errors.js';
import { loadTopology } from '../harness/topology/load-topology.js';
import { projectRoot } from '../harness/util/project-root.js';
import { baselineOf, settled } from './support/scenario-record.js';
import type { WanWorld } from './support/world.js';

/** How a region's conflict counter at a site changed since the scenario started. */
async function conflictDelta(
  world: WanWorld,
  site: string,
  region: string,
  counter: keyof ConflictStatistics,
): Promise<number> {
  const member = world.siteMember(site);
  const now = (await member.client.conflicts(region)).stats[counter];
  return now - (baselineOf(world, member.name).conflicts.get(region)?.[counter] ?? 0);
}

Then(
  'the resolver of region {string} was called exactly:',
  async function (this: WanWorld, region: string, table: DataTable) {
    await settled(this.deployment);
    const observed = await Promise.all(
      table
        .hashes()
        .map(
          async (row) =>
            `site ${row.site}: ${await conflictDelta(this, row.site!, region, 'resolverCalls')}`,
        ),
    );
    assert.deepEqual(
      observed,
      table.hashes().map((row) => `site ${row.site}: ${row.calls}`),
    );
  },
);

Then(
  'site {site} counted {int} resolver error(s) in region {string}',
  async function (this: WanWorld, site: string, errors: number, region: string) {
    await settled(this.deployment);
    assert.equal(await conflictDelta(this, site, region, 'resolverErrors'), errors);
  },
);

Then(
  'the receiver of site {site} reported no failed event',
  async function (this: WanWorld, site: string) {
    const member = this.siteMember(site);
    const now = (await member.client.receiver()).stats.exceptions;
    assert.equal(now - (baselineOf(this, member.name).receiver?.exceptions ?? 0), 0);
  },
);

Then(
  'the log of site {site} has an error mentioning {string}',
  async function (this: WanWorld, site: string, text: string) {
    const member = this.siteMember(site);
    const errors = this.deployment.driver
      .errorLogLines(member.spec.logFile, baselineOf(this, member.name).logBytes)
      .filter((line) => line.includes(text));
    assert.ok(errors.length > 0, `no error line mentions ${JSON.stringify(text)}`);
  },
);

Then(
  'starting the topology {string} fails, naming {string} and saying {string}',
  async function (this: WanWorld, name: string, file: string, text: string) {
    const topology = loadTopology(join(projectRoot(), 'topologies', `${name}.yaml`));
    const error = await Deployment.start(topology, { startTimeoutMs: 30000 }).then(
      async (deployment) => {
        await deployment.stop();
        return undefined;
      },
      (e: unknown) => e,
    );
    assert.ok(isHarnessError(error), `topology ${name} started, or failed oddly: ${String(error)}`);
    assert.equal(error.code, 'WANLAB_MEMBER_START_FAILED');
    const engineError = error.message.split('\n').find((line) => line.includes('WAN_ERR_'));
    assert.ok(engineError, `no engine error in the failure:\n${error.message}`);
    assert.ok(engineError.includes(file), `the engine error does not name ${file}: ${engineError}`);
    assert.ok(engineError.includes(text), `the engine error does not say ${text}: ${engineError}`);
  },
);
