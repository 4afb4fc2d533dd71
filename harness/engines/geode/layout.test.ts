import assert from 'node:assert/strict';
import { join } from 'node:path';
import { test } from 'node:test';
import { addressText } from '../../../contract/index.js';
import { sitePlanOf } from '../../deployment/deployment.js';
import { HarnessError } from '../../errors.js';
import { loadTopology } from '../../topology/load-topology.js';
import { projectRoot } from '../../util/project-root.js';
import { PortPool } from '../../util/ports.js';
import { inexpressible } from './expressible.js';
import { geodeLayout, geodePortCount } from './layout.js';

function planOf(name: string) {
  return sitePlanOf(
    loadTopology(join(projectRoot(), 'topologies', `${name}.yaml`)),
    'unit-test-control-token-0123',
  );
}

function poolOf(count: number): PortPool {
  return new PortPool(Array.from({ length: count }, (_, i) => 42000 + i));
}

test('the geode layout takes exactly the ports it counts, and no address twice', () => {
  for (const name of ['two-site', 'contract', 'ha-serial', 'parallel', 'two-members']) {
    const plan = planOf(name);
    const pool = poolOf(geodePortCount(plan));
    const layout = geodeLayout(plan, pool);
    assert.throws(() => pool.next(), /exhausted/, `${name}: every counted port was used`);
    const used = [
      ...layout.proxies.map((p) => p.listen),
      ...layout.locators.flatMap((l) => [l.locator, l.control]),
      ...layout.members.flatMap((m) => [
        m.control,
        ...(m.receiver ? [{ host: m.receiver.host, port: m.receiver.startPort }] : []),
      ]),
    ].map(addressText);
    assert.equal(new Set(used).size, used.length, `${name}: no address twice`);
  }
});

test("a receiver proxy listens on its receiver's own port, on another loopback address", () => {
  const plan = planOf('two-site');
  const layout = geodeLayout(plan, poolOf(geodePortCount(plan)));
  const receiverProxies = layout.proxies.filter((p) => p.kind === 'receiver');
  assert.equal(receiverProxies.length, 2);
  for (const proxy of receiverProxies) {
    const receiver = layout.members.find((m) => m.name === proxy.target)!.receiver!;
    assert.equal(receiver.startPort, receiver.endPort, 'one port per receiver');
    assert.equal(proxy.listen.port, receiver.startPort);
    assert.notEqual(proxy.listen.host, receiver.host);
    assert.match(proxy.listen.host, /^127\.0\.0\.\d+$/);
    assert.deepEqual(proxy.upstream, { host: receiver.host, port: receiver.startPort });
  }
});

test('a plan the geode driver cannot express is refused before any port is taken, naming the fields', () => {
  const plan = planOf('three-mesh');
  const problems = inexpressible(plan);
  assert.ok(problems.length > 0, 'three sites sending to each other');
  assert.ok(problems.every((p) => p.field.startsWith('sites[')));
  assert.throws(
    () => geodePortCount(plan),
    (error: unknown) =>
      error instanceof HarnessError &&
      error.code === 'WANLAB_ENGINE_UNSUPPORTED' &&
      error.message.includes('geode engine') &&
      error.message.includes(problems[0]!.field),
  );
  const skewed = planOf('two-site');
  skewed.sites[0]!.clockOffsetMs = 5000;
  assert.deepEqual(
    inexpressible(skewed).map((p) => p.field),
    [`sites[${skewed.sites[0]!.name}].clockOffsetMs`],
  );
  const ranged = planOf('two-site');
  ranged.sites[1]!.receiver.portRange = { start: 5000, end: 5010 };
  assert.deepEqual(
    inexpressible(ranged).map((p) => p.field),
    [`sites[${ranged.sites[1]!.name}].receiver.portRange`],
  );
});

test('the topologies the geode driver expresses as they are', () => {
  for (const name of ['two-site', 'contract', 'ha-serial', 'parallel', 'two-members']) {
    assert.deepEqual(inexpressible(planOf(name)), [], name);
  }
});
