import assert from 'node:assert/strict';
import { after, describe, it } from 'node:test';
import { gzipSync } from 'node:zlib';
import { pino } from 'pino';
import { RECEIVER_DEFAULTS } from '../../../contract/control-api/receiver-config.js';
import type { TransportCompression } from '../../../contract/transport.js';
import { connectFramed, type FramedSocket } from '../../net/framed-socket.js';
import { encodeFrame, encodePayload } from '../../net/frame-codec.js';
import type { RegionEvent } from '../../region/region-event.js';
import { Credentials } from '../../security/credentials.js';
import { WIRE_PROTOCOL_VERSION } from '../../version.js';
import { GATEWAY_PROTOCOL } from '../protocol/messages.js';
import { GatewayReceiver } from '../receiver/gateway-receiver.js';
import { encodeCompressedBatch } from './batch-frame.js';

const logger = pino({ level: 'silent' });
const MAX_FRAME_BYTES = 64 * 1024;
const stops: Array<() => Promise<void>> = [];
after(async () => {
  for (const stop of stops) await stop();
});

function event(seq: number): RegionEvent {
  return {
    region: 'data',
    key: `k${seq}`,
    op: 'create',
    value: 'value '.repeat(50),
    version: { timestamp: 1, dsid: 2, member: 'm', entryVersion: 1 },
    id: { member: 'm', thread: 1, seq },
    originDsid: 2,
    recipients: [1],
    possibleDuplicate: false,
    createdAtMs: 1,
  };
}

function hello(compression?: TransportCompression): Record<string, unknown> {
  return {
    t: 'hello',
    protocol: GATEWAY_PROTOCOL,
    version: WIRE_PROTOCOL_VERSION,
    senderId: 'to-site1',
    senderDsid: 2,
    senderMember: 'test',
    dispatcher: 0,
    expectDsid: 1,
    ...(compression ? { compression } : {}),
  };
}

async function startReceiver(compression: TransportCompression) {
  const applied: RegionEvent[] = [];
  const receiver = new GatewayReceiver(
    {
      ...RECEIVER_DEFAULTS,
      startPort: 0,
      endPort: 0,
      maxFrameBytes: MAX_FRAME_BYTES,
      transport: { compression },
    },
    {
      localDsid: 1,
      memberUid: 'receiver',
      applier: {
        apply: (e) => {
          applied.push(e);
          return { kind: 'applied' };
        },
      },
      logger,
      random: Math.random,
      credentials: Credentials.none(1),
    },
  );
  await receiver.start();
  stops.push(() => receiver.stop());
  return { receiver, applied, address: { host: '127.0.0.1', port: receiver.port! } };
}

/** Sends the frames in order; answers every reply until the server closes or `count` came. */
async function converse(
  address: { host: string; port: number },
  frames: Buffer[],
  count: number,
): Promise<{ replies: Array<Record<string, unknown>>; closed: boolean }> {
  const socket: FramedSocket = await connectFramed(address, 2000);
  const replies: Array<Record<string, unknown>> = [];
  return new Promise((resolve) => {
    const done = (closed: boolean) => {
      socket.close();
      resolve({ replies, closed });
    };
    socket.onMessage((reply) => {
      replies.push(reply as Record<string, unknown>);
      if (replies.length === count) done(false);
    });
    socket.onClose(() => done(true));
    for (const frame of frames) socket.sendFrame(frame);
  });
}

describe('a receiver with transport compression (issue 15)', () => {
  it('refuses a sender of another codec with WAN_ERR_TRANSPORT_MISMATCH, applying nothing', async () => {
    const { receiver, applied, address } = await startReceiver('none');
    const batch = await encodeCompressedBatch('gzip', 0, [event(1)]);
    const { replies, closed } = await converse(
      address,
      [encodeFrame(hello('gzip')), batch.frame],
      2,
    );
    assert.equal(closed, true);
    assert.equal(replies[0]?.t, 'refused');
    assert.equal(replies[0]?.code, 'WAN_ERR_TRANSPORT_MISMATCH');
    assert.match(String(replies[0]?.message), /gzip.*none/);
    assert.equal(applied.length, 0);
    assert.equal(receiver.status().transport.transportMismatches, 1);
    assert.equal(receiver.status().stats.handshakesRefused, 1);
  });

  it('applies a gzip batch of an agreeing sender and counts its bytes', async () => {
    const { receiver, applied, address } = await startReceiver('gzip');
    const batch = await encodeCompressedBatch('gzip', 0, [event(1), event(2)]);
    const { replies } = await converse(address, [encodeFrame(hello('gzip')), batch.frame], 2);
    assert.deepEqual(
      replies.map((r) => r.t),
      ['welcome', 'ack'],
    );
    assert.equal(applied.length, 2);
    const transport = receiver.status().transport;
    assert.ok(transport.batchBytesOnWire > 0);
    assert.ok(transport.batchBytesDecompressed > transport.batchBytesOnWire);
  });

  it('closes a connection whose batch inflates beyond its frame limit, applies nothing, and serves on', async () => {
    const { receiver, applied, address } = await startReceiver('gzip');
    const bomb = gzipSync(encodePayload([{ ...event(1), value: 'x'.repeat(8 * MAX_FRAME_BYTES) }]));
    const after = await encodeCompressedBatch('gzip', 1, [event(2)]);
    const frames = [
      encodeFrame(hello('gzip')),
      encodeFrame({ t: 'zbatch', batchId: 0, data: bomb }),
      after.frame,
    ];
    const { replies, closed } = await converse(address, frames, 3);
    assert.equal(closed, true);
    assert.deepEqual(
      replies.map((r) => r.t),
      ['welcome'],
    );
    assert.equal(applied.length, 0);
    assert.equal(receiver.status().stats.protocolErrors, 1);
    const again = await encodeCompressedBatch('gzip', 0, [event(3)]);
    const next = await converse(address, [encodeFrame(hello('gzip')), again.frame], 2);
    assert.deepEqual(
      next.replies.map((r) => r.t),
      ['welcome', 'ack'],
    );
  });

  it('closes a connection that sends a plain batch after agreeing on gzip', async () => {
    const { applied, address } = await startReceiver('gzip');
    const plain = encodeFrame({ t: 'batch', batchId: 0, events: [event(1)] });
    const { closed } = await converse(address, [encodeFrame(hello('gzip')), plain], 2);
    assert.equal(closed, true);
    assert.equal(applied.length, 0);
  });
});
