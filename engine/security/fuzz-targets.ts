import { Credentials } from './credentials.js';
import { TEST_CONTROL_TOKEN } from '../control/test-token.js';
import { pino } from 'pino';
import { SystemClock } from '../clock.js';
import { PeerTransport, PEER_PROTOCOL } from '../cluster/peer-transport.js';
import type { LocatorConfig } from '../config/locator-config.js';
import { GATEWAY_PROTOCOL } from '../gateway/protocol/messages.js';
import { GatewayReceiver } from '../gateway/receiver/gateway-receiver.js';
import { RECEIVER_DEFAULTS } from '../../contract/control-api/receiver-config.js';
import { LocatorService } from '../locator/locator-service.js';
import { connectFramed, parseAddress } from '../net/framed-socket.js';
import { callRpc } from '../net/rpc.js';
import { WIRE_PROTOCOL_VERSION } from '../version.js';
import type { FuzzTarget } from './fuzz-runner.js';

/**
 * The three framed protocols of a site, each served in this process as a member or locator
 * serves it, with the valid conversations a fuzz starts from. Site 1 is the target's site.
 */
export interface RunningTarget extends FuzzTarget {
  stop(): Promise<void>;
}

const logger = pino({ level: 'silent' });
const SITE = 1;
const REMOTE = 2;

function event(seq: number): Record<string, unknown> {
  return {
    region: 'data',
    key: `k${seq}`,
    op: 'update',
    value: `v${seq}`,
    version: { timestamp: 1_700_000_000_000 + seq, dsid: REMOTE, member: 'm', entryVersion: seq },
    id: { member: 'fuzz', thread: 1, seq },
    originDsid: REMOTE,
    recipients: [SITE],
    possibleDuplicate: false,
    createdAtMs: 1_700_000_000_000,
  };
}

const GATEWAY_HELLO = {
  t: 'hello',
  protocol: GATEWAY_PROTOCOL,
  version: WIRE_PROTOCOL_VERSION,
  senderId: 'to-site1',
  senderDsid: REMOTE,
  senderMember: 'fuzz',
  dispatcher: 0,
  expectDsid: SITE,
};

export async function receiverTarget(): Promise<RunningTarget> {
  const receiver = new GatewayReceiver(
    { ...RECEIVER_DEFAULTS, startPort: 0, endPort: 0 },
    {
      localDsid: SITE,
      memberUid: 'target',
      applier: { apply: () => ({ kind: 'applied' }) },
      logger,
      random: Math.random,
      credentials: Credentials.none(1),
    },
  );
  await receiver.start();
  const address = { host: '127.0.0.1', port: receiver.port! };
  const batch = (batchId: number, seqs: number[]) => ({
    t: 'batch',
    batchId,
    events: seqs.map(event),
  });
  return {
    name: 'gateway receiver',
    address,
    conversations: [
      [GATEWAY_HELLO, batch(0, [1, 2, 3]), { t: 'ping' }],
      [GATEWAY_HELLO, batch(0, [4]), batch(1, [5, 6])],
      [batch(0, [7])],
    ],
    stillServes: async () => {
      const socket = await connectFramed(address, 2000);
      const reply = await new Promise<unknown>((resolve) => {
        socket.onMessage(resolve);
        socket.onClose(() => resolve(undefined));
        socket.send(GATEWAY_HELLO);
      });
      socket.close();
      if ((reply as { t?: string } | undefined)?.t !== 'welcome')
        throw new Error(`the receiver answered a valid hello with ${JSON.stringify(reply)}`);
    },
    stop: () => receiver.stop(),
  };
}

const RECORD = {
  kind: 'receiver',
  dsid: REMOTE,
  name: 'site2-m1',
  address: '127.0.0.1:1',
  status: 'up',
  incarnation: 1,
  generation: 0,
};

export async function locatorTarget(): Promise<RunningTarget> {
  const config = {
    name: 'site1-locator',
    site: { name: 'site1', distributedSystemId: SITE },
    bind: { host: '127.0.0.1', port: 0 },
    control: { host: '127.0.0.1', port: 0, token: TEST_CONTROL_TOKEN },
    peerLocators: [],
    remoteLocators: [],
    dataDir: '.',
    log: { level: 'error' },
    exchangeIntervalMs: 600000,
    requestTimeoutMs: 500,
    memberTimeoutMs: 5000,
    announceShutdown: false,
  } satisfies LocatorConfig;
  const locator = new LocatorService(config, { clock: new SystemClock(), logger });
  await locator.start();
  const address = parseAddress(locator.address);
  const member = {
    name: 'site1-m9',
    uid: 'u9',
    incarnation: 1,
    session: 0,
    joinedAtMs: 1,
    dsid: SITE,
    controlUrl: 'http://127.0.0.1:1',
  };
  return {
    name: 'locator',
    address,
    conversations: [
      [{ t: 'view' }],
      [{ t: 'receivers', dsid: REMOTE, forDsid: SITE }],
      [{ t: 'register', member }],
      [{ t: 'deregister', dsid: SITE, name: 'site1-m9', uid: 'u9' }],
      [
        {
          t: 'exchange',
          from: { ...RECORD, kind: 'locator', name: 'site2-locator' },
          records: [RECORD],
        },
      ],
    ],
    stillServes: async () => {
      const view = (await callRpc(address, { t: 'view' }, 2000)) as { name?: string };
      if (view.name !== config.name) throw new Error('the locator did not answer a view request');
    },
    stop: () => locator.stop(),
  };
}

export async function peerTarget(): Promise<RunningTarget> {
  const self = { name: 'site1-m1', uid: 'u1', session: 0 };
  const transport = new PeerTransport({
    dsid: SITE,
    bind: { host: '127.0.0.1', port: 0 },
    logger,
    connectTimeoutMs: 2000,
    credentials: Credentials.none(1),
    self: () => self,
    profile: () => ({}),
  });
  await transport.start();
  transport.onRequest((body) => ({ echo: body.t }));
  const caller = new PeerTransport({
    dsid: SITE,
    bind: { host: '127.0.0.1', port: 0 },
    logger,
    connectTimeoutMs: 2000,
    credentials: Credentials.none(1),
    self: () => ({ name: 'site1-m2', uid: 'u2', session: 0 }),
    profile: () => ({}),
  });
  const hello = {
    t: 'hello',
    protocol: PEER_PROTOCOL,
    version: WIRE_PROTOCOL_VERSION,
    dsid: SITE,
    from: { name: 'site1-m3', uid: 'u3', session: 0 },
    profile: {},
  };
  return {
    name: 'peer',
    address: parseAddress(transport.address!),
    conversations: [
      [hello, { t: 'req', id: 1, body: { t: 'ping' } }, { t: 'msg', body: { t: 'note' } }],
      [hello, { t: 'req', id: 2, body: { t: 'ping', n: 1 } }],
      [{ t: 'req', id: 1, body: { t: 'ping' } }],
    ],
    stillServes: async () => {
      let round = 0;
      const answer = await caller.request(
        { ...self, peer: transport.address!, session: self.session + round++ * 0 },
        { t: 'ping' },
        2000,
      );
      if ((answer as { echo?: string }).echo !== 'ping')
        throw new Error('the peer port did not answer a valid request');
    },
    stop: async () => {
      await caller.close();
      await transport.close();
    },
  };
}
