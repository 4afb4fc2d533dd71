import assert from 'node:assert/strict';
import { join } from 'node:path';
import { test } from 'node:test';
import { addressText } from '../../../contract/index.js';
import { sitePlanOf } from '../../deployment/deployment.js';
import { loadTopology } from '../../topology/load-topology.js';
import { projectRoot } from '../../util/project-root.js';
import { PortPool } from '../../util/ports.js';
import { wanlabLayout, wanlabPortCount } from './layout.js';

function planOf(name: string) {
  return sitePlanOf(
    loadTopology(join(projectRoot(), 'topologies', `${name}.yaml`)),
    'unit-test-control-token-0123',
  );
}

test('the layout takes exactly the ports it counts, each once', () => {
  for (const name of ['two-site', 'ha-serial', 'three-mesh', 'manual-receiver', 'parallel']) {
    const plan = planOf(name);
    const count = wanlabPortCount(plan);
    const ports = Array.from({ length: count }, (_, i) => 40000 + i);
    const pool = new PortPool(ports);
    const layout = wanlabLayout(plan, pool);
    assert.throws(() => pool.next(), /exhausted/, `${name}: every counted port was used`);
    const used = [
      ...layout.proxies.map((p) => p.listen),
      ...layout.locators.flatMap((l) => [l.locator, l.control]),
      ...layout.members.map((m) => m.control),
    ].map(addressText);
    assert.equal(new Set(used).size, used.length, `${name}: no address twice`);
  }
});

test('one proxy per remote locator and receiver per link; upstreams known where the port is', () => {
  const plan = planOf('two-site');
  const layout = wanlabLayout(plan, new PortPool(Array.from({ length: 100 }, (_, i) => 41000 + i)));
  assert.deepEqual(layout.proxies.map((p) => p.name).sort(), [
    'site1-to-site2.locator.site2-locator',
    'site1-to-site2.receiver.site2-m1',
    'site2-to-site1.locator.site1-locator',
    'site2-to-site1.receiver.site1-m1',
  ]);
  for (const proxy of layout.proxies) {
    const upstream =
      proxy.kind === 'locator'
        ? layout.locators.find((l) => l.name === proxy.target)!.locator
        : {
            host: '127.0.0.1',
            port: layout.members.find((m) => m.name === proxy.target)!.receiver!.startPort,
          };
    assert.deepEqual(proxy.upstream, upstream, proxy.name);
  }
});
