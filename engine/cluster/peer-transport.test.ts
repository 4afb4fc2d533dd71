import { Credentials } from '../security/credentials.js';
import assert from 'node:assert/strict';
import { after, describe, it } from 'node:test';
import { pino } from 'pino';
import { EngineError, isEngineError } from '../errors.js';
import type { MemberRef } from './member-ref.js';
import { PeerTransport, type PeerBody } from './peer-transport.js';

const logger = pino({ level: 'silent' });
const started: PeerTransport[] = [];

async function member(
  name: string,
  dsid = 1,
): Promise<{ transport: PeerTransport; ref: MemberRef & { peer: string } }> {
  const self: MemberRef = { name, uid: `${name}-uid`, session: 0 };
  const transport = new PeerTransport({
    dsid,
    bind: { host: '127.0.0.1', port: 0 },
    logger,
    connectTimeoutMs: 1000,
    credentials: Credentials.none(1),
    self: () => self,
    profile: () => ({ name }),
  });
  const peer = await transport.start();
  started.push(transport);
  return { transport, ref: { ...self, peer } };
}

after(async () => {
  await Promise.all(started.map((t) => t.close()));
});

async function until(what: string, condition: () => boolean): Promise<void> {
  const deadline = Date.now() + 3000;
  while (!condition()) {
    if (Date.now() > deadline) assert.fail(`timed out waiting for ${what}`);
    await new Promise((resolve) => setTimeout(resolve, 5));
  }
}

describe('the peer transport (real TCP on 127.0.0.1)', () => {
  it('answers a request with what the handler returns, naming the caller', async () => {
    const a = await member('a');
    const b = await member('b');
    const callers: string[] = [];
    b.transport.onRequest((body: PeerBody, from: MemberRef) => {
      callers.push(from.name);
      return { echo: body.x };
    });
    assert.deepEqual(await a.transport.request(b.ref, { t: 'test', x: 42 }, 2000), { echo: 42 });
    assert.deepEqual(callers, ['a']);
  });

  it("carries the handler's engine error back with its code", async () => {
    const a = await member('a');
    const b = await member('b');
    b.transport.onRequest(() => {
      throw new EngineError('WAN_ERR_REGION_UNKNOWN', 'no region x', 'define it');
    });
    await assert.rejects(
      a.transport.request(b.ref, { t: 'test' }, 2000),
      (error: unknown) => isEngineError(error) && error.code === 'WAN_ERR_REGION_UNKNOWN',
    );
  });

  it('delivers one-way messages in the order they were sent', async () => {
    const a = await member('a');
    const b = await member('b');
    const got: number[] = [];
    b.transport.onRequest((body: PeerBody) => {
      got.push(Number(body.n));
      return undefined;
    });
    for (let n = 0; n < 50; n++) a.transport.send(b.ref, { t: 'msg', n });
    await until('50 messages', () => got.length === 50);
    assert.deepEqual(
      got,
      Array.from({ length: 50 }, (_, n) => n),
    );
  });

  it('fails the requests in flight to a peer that goes away, as unavailable', async () => {
    const a = await member('a');
    const b = await member('b');
    b.transport.onRequest(() => new Promise(() => {})); // never answers
    const pending = a.transport.request(b.ref, { t: 'slow' });
    await new Promise((resolve) => setTimeout(resolve, 50));
    await b.transport.close();
    await assert.rejects(
      pending,
      (error: unknown) => isEngineError(error) && error.code === 'WAN_ERR_PEER_UNAVAILABLE',
    );
  });

  it('times a request out when asked to', async () => {
    const a = await member('a');
    const b = await member('b');
    b.transport.onRequest(() => new Promise(() => {}));
    await assert.rejects(
      a.transport.request(b.ref, { t: 'slow' }, 100),
      (error: unknown) => isEngineError(error) && error.code === 'WAN_ERR_TIMEOUT',
    );
  });
});
