import assert from 'node:assert/strict';
import { spawn } from 'node:child_process';
import { after, before, test } from 'node:test';
import type { ProxyRoute } from '../../contract/index.js';
import { findToxiproxyServer } from '../runtime/tools.js';
import { freePorts } from '../util/ports.js';
import { LinkController } from './link-controller.js';

/** A real toxiproxy-server with two proxies on link a->b and one on b->a. */
let server: ReturnType<typeof spawn>;
let links: LinkController;

function route(name: string, link: string, port: number): ProxyRoute {
  return {
    name,
    link,
    kind: 'receiver',
    target: name,
    fromSiteId: 1,
    toSiteId: 2,
    listen: { host: '127.0.0.1', port },
  };
}

before(async () => {
  const [api, p1, p2, p3] = await freePorts(4);
  server = spawn(findToxiproxyServer(), ['-host', '127.0.0.1', '-port', String(api)], {
    stdio: 'ignore',
  });
  links = new LinkController(`http://127.0.0.1:${api}`, [
    route('a-to-b.receiver.m1', 'a->b', p1!),
    route('a-to-b.receiver.m2', 'a->b', p2!),
    route('b-to-a.receiver.m3', 'b->a', p3!),
  ]);
  await links.waitReady(10000);
});

after(() => {
  server.kill('SIGTERM');
});

async function enabled(): Promise<Record<string, boolean>> {
  return Object.fromEntries((await links.states()).map((s) => [s.name, s.enabled]));
}

test('a held proxy is created disabled, and released it is enabled', async () => {
  await links.hold(['a-to-b.receiver.m1']);
  await links.create(
    new Map([
      ['a-to-b.receiver.m1', '127.0.0.1:1'],
      ['a-to-b.receiver.m2', '127.0.0.1:1'],
      ['b-to-a.receiver.m3', '127.0.0.1:1'],
    ]),
  );
  assert.deepEqual(await enabled(), {
    'a-to-b.receiver.m1': false,
    'a-to-b.receiver.m2': true,
    'b-to-a.receiver.m3': true,
  });
  await links.release(['a-to-b.receiver.m1']);
  assert.equal((await enabled())['a-to-b.receiver.m1'], true);
});

test('a proxy released while its link is cut stays disabled until the link is restored', async () => {
  await links.hold(['a-to-b.receiver.m1']);
  await links.setLinkEnabled('a->b', false);
  await links.release(['a-to-b.receiver.m1']);
  assert.deepEqual(await enabled(), {
    'a-to-b.receiver.m1': false,
    'a-to-b.receiver.m2': false,
    'b-to-a.receiver.m3': true,
  });
  await links.setLinkEnabled('a->b', true);
  assert.deepEqual(Object.values(await enabled()), [true, true, true]);
});

test('restoring a link leaves a held proxy disabled; a reset keeps holding it too', async () => {
  await links.hold(['a-to-b.receiver.m2']);
  await links.setLinkEnabled('a->b', false);
  await links.setLinkEnabled('a->b', true);
  assert.equal((await enabled())['a-to-b.receiver.m2'], false);
  await links.reset();
  assert.deepEqual(await enabled(), {
    'a-to-b.receiver.m1': true,
    'a-to-b.receiver.m2': false,
    'b-to-a.receiver.m3': true,
  });
  await links.release(['a-to-b.receiver.m2']);
  assert.deepEqual(Object.values(await enabled()), [true, true, true]);
});
