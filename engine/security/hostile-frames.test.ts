import { Credentials } from './credentials.js';
import { TEST_CONTROL_TOKEN } from '../control/test-token.js';
import assert from 'node:assert/strict';
import { after, test } from 'node:test';
import { pino } from 'pino';
import { SystemClock } from '../clock.js';
import { PeerTransport } from '../cluster/peer-transport.js';
import type { LocatorConfig } from '../config/locator-config.js';
import { LocatorService } from '../locator/locator-service.js';
import { encodeFrame } from '../net/frame-codec.js';
import { parseAddress } from '../net/framed-socket.js';
import { callRpc } from '../net/rpc.js';
import { WIRE_PROTOCOL_VERSION } from '../version.js';
import { rawFrame, sendRaw } from './raw-client.js';

/**
 * Issue 17's two reproductions: one small frame used to end a locator (a synchronous throw
 * while parsing) and a member (a peer hello of `nil`). Each must now close only its own
 * connection, be counted, and leave the port serving.
 */
const logger = pino({ level: 'silent' });
const NIL = Buffer.from([0xc0]);
const stops: Array<() => Promise<void>> = [];
after(async () => {
  for (const stop of stops) await stop();
});

function locatorConfig(): LocatorConfig {
  return {
    name: 'loc-test',
    site: { name: 'one', distributedSystemId: 1 },
    bind: { host: '127.0.0.1', port: 0 },
    control: { host: '127.0.0.1', port: 0, token: TEST_CONTROL_TOKEN },
    peerLocators: [],
    remoteLocators: [],
    dataDir: '/tmp',
    log: { level: 'error' },
    exchangeIntervalMs: 60000,
    requestTimeoutMs: 2000,
    memberTimeoutMs: 5000,
    announceShutdown: false,
  } as LocatorConfig;
}

async function startLocator(): Promise<LocatorService> {
  const locator = new LocatorService(locatorConfig(), { clock: new SystemClock(), logger });
  await locator.start();
  stops.push(() => locator.stop());
  return locator;
}

async function startPeer(name: string): Promise<PeerTransport> {
  const self = { name, uid: `${name}-uid`, session: 0 };
  const transport = new PeerTransport({
    dsid: 1,
    bind: { host: '127.0.0.1', port: 0 },
    logger,
    connectTimeoutMs: 2000,
    credentials: Credentials.none(1),
    self: () => self,
    profile: () => ({}),
  });
  await transport.start();
  stops.push(() => transport.close());
  return transport;
}

test('a locator survives {t:"nope"}, answers it as a protocol error and keeps serving', async () => {
  const locator = await startLocator();
  const address = parseAddress(locator.address);
  const frame = encodeFrame({ t: 'nope' });
  const exchange = await sendRaw(address, frame);
  assert.equal(exchange.closedByServer, true);
  assert.match(exchange.received.toString('latin1'), /WAN_ERR_PROTOCOL/);
  assert.equal(locator.view().protocolErrors, 1);
  const view = (await callRpc(address, { t: 'view' }, 2000)) as { name: string };
  assert.equal(view.name, 'loc-test');
});

test('a locator survives nil, garbage, a huge declared length and a truncated frame', async () => {
  const locator = await startLocator();
  const address = parseAddress(locator.address);
  await sendRaw(address, rawFrame(1, NIL));
  await sendRaw(address, rawFrame(5, Buffer.from([0xc1, 0xff, 0x00, 0x01, 0x02])));
  await sendRaw(address, rawFrame(0xffffffff));
  await sendRaw(address, encodeFrame({ t: 'exchange' }).subarray(0, 7), 100);
  assert.ok(locator.view().protocolErrors >= 3, `protocolErrors ${locator.view().protocolErrors}`);
  const view = (await callRpc(address, { t: 'view' }, 2000)) as { name: string };
  assert.equal(view.name, 'loc-test');
});

test('a member peer port survives a nil hello, closes that connection and keeps serving', async () => {
  const target = await startPeer('b');
  const address = parseAddress(target.address!);
  const exchange = await sendRaw(address, rawFrame(1, NIL));
  assert.equal(exchange.closedByServer, true);
  assert.equal(target.protocolErrors, 1);
  target.onRequest((body) => ({ echo: body.t }));
  const caller = await startPeer('a');
  const answer = await caller.request(
    { name: 'b', uid: 'b-uid', session: 0, peer: target.address! },
    { t: 'ping' },
    2000,
  );
  assert.deepEqual(answer, { echo: 'ping' });
});

test('a member peer port survives wrong shapes after a valid hello', async () => {
  const target = await startPeer('c');
  const address = parseAddress(target.address!);
  const hello = encodeFrame({
    t: 'hello',
    protocol: 'wanlab-peer',
    version: WIRE_PROTOCOL_VERSION,
    dsid: 1,
    from: { name: 'x', uid: 'x', session: 0 },
    profile: null,
  });
  const greeted = await sendRaw(address, hello, 300);
  assert.equal(greeted.closedByServer, false);
  assert.match(greeted.received.toString('latin1'), /welcome/);
  assert.equal(target.protocolErrors, 0);
  for (const bad of [rawFrame(1, NIL), encodeFrame([1, 2]), encodeFrame({ t: 'req', body: 7 })]) {
    const exchange = await sendRaw(address, Buffer.concat([hello, bad]));
    assert.equal(exchange.closedByServer, true);
  }
  assert.ok(target.protocolErrors >= 3, `protocolErrors ${target.protocolErrors}`);
});
