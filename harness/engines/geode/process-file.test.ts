import assert from 'node:assert/strict';
import { mkdtempSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { test } from 'node:test';
import { openApiDocument, routesFor, type Capability } from '../../../contract/index.js';
import { sitePlanOf } from '../../deployment/deployment.js';
import { loadTopology } from '../../topology/load-topology.js';
import { projectRoot } from '../../util/project-root.js';
import { PortPool } from '../../util/ports.js';
import { geodeErrorLines } from './error-log.js';
import { geodeDriver } from './geode-driver.js';
import { geodeLayout, geodePortCount } from './layout.js';
import { GEODE_ENGINE, geodeFiles, locatorFile, memberFile } from './process-file.js';

const has = (c: Capability): boolean => geodeDriver.capabilities.has(c);

function twoSite() {
  const plan = sitePlanOf(
    loadTopology(join(projectRoot(), 'topologies', 'two-site.yaml')),
    'unit-test-control-token-0123',
  );
  const pool = new PortPool(Array.from({ length: geodePortCount(plan) }, (_, i) => 43000 + i));
  return { plan, layout: geodeLayout(plan, pool) };
}

test("a member's file lists exactly the routes of its capabilities, with the contract's request schemas", () => {
  const { plan, layout } = twoSite();
  const site = plan.sites[1]!;
  const member = site.members[0]!;
  const file = memberFile(plan, layout, site, member.name, geodeFiles('/run', member.name), has);
  const routes = file.routes as { method: string; path: string; body?: unknown }[];
  const expected = routesFor('member').filter((r) => !r.capability || has(r.capability));
  assert.deepEqual(
    routes.map((r) => `${r.method} ${r.path}`),
    expected.map((r) => `${r.method} ${r.path}`),
  );
  const put = routes.find((r) => r.method === 'PUT' && r.path.endsWith(':key'))!;
  const contractPut = expected.find((r) => r.method === 'PUT' && r.path.endsWith(':key'))!;
  assert.deepEqual(put.body, JSON.parse(JSON.stringify(contractPut.body)));
  assert.deepEqual(
    file.openapi,
    openApiDocument('member', GEODE_ENGINE, (r) => !r.capability || has(r.capability)),
  );
});

test('a receiver advertises the host of the proxy its sending site dials; a locator dials its remote locator proxies', () => {
  const { plan, layout } = twoSite();
  const [site1, site2] = [plan.sites[0]!, plan.sites[1]!];
  const m2 = site2.members[0]!.name;
  const receiver = memberFile(plan, layout, site2, m2, geodeFiles('/run', m2), has).receiver as {
    hostnameForSenders: string;
    startPort: number;
  };
  const proxy = layout.proxies.find((p) => p.kind === 'receiver' && p.target === m2)!;
  assert.deepEqual(
    [receiver.hostnameForSenders, receiver.startPort],
    [proxy.listen.host, proxy.listen.port],
  );
  const locator = site1.locators[0]!;
  const file = locatorFile(plan, layout, site1, locator, geodeFiles('/run', locator), has);
  const remote = layout.proxies.find((p) => p.kind === 'locator' && p.fromSiteId === site1.id)!;
  assert.deepEqual(file.remoteLocators, [`${remote.listen.host}[${remote.listen.port}]`]);
});

test("Geode's error lines are its [error, [fatal and [severe lines", () => {
  const dir = mkdtempSync(join(tmpdir(), 'geode-log-'));
  try {
    const log = join(dir, 'm.log');
    const head = '[info 2026/12/07 12:00:00.000 UTC m <main> tid=0x1] started\n';
    writeFileSync(
      log,
      `${head}[error 2026/12/07 12:00:01.000 UTC m <main> tid=0x1] broke\n  at x\n[warning 2026/12/07 12:00:02.000 UTC m <main> tid=0x1] meh\n[fatal 2026/12/07 12:00:03.000 UTC m <main> tid=0x1] dead\n`,
    );
    assert.deepEqual(
      geodeErrorLines(log, 0).map((l) => l.split(']')[1]!.trim()),
      ['broke', 'dead'],
    );
    assert.deepEqual(geodeErrorLines(log, Buffer.byteLength(head) + 10), [
      '[fatal 2026/12/07 12:00:03.000 UTC m <main> tid=0x1] dead',
    ]);
  } finally {
    rmSync(dir, { recursive: true });
  }
});

test("a member's file names every planned member of its site (the program creates a partitioned region's buckets once all host it)", () => {
  const { plan, layout } = twoSite();
  for (const site of plan.sites) {
    const member = site.members[0]!.name;
    const file = memberFile(plan, layout, site, member, geodeFiles('/run', member), has);
    assert.deepEqual(
      file.siteMembers,
      site.members.map((m) => m.name),
    );
  }
});
