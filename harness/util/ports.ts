import { createServer, type Server } from 'node:net';
import { HarnessError } from '../errors.js';

const handedOut = new Set<number>();

/**
 * Ports come from below the kernel's ephemeral range (32768–60999 on Linux), so an outgoing
 * connection of any process on the machine cannot take a port between the moment it is
 * chosen here and the moment an engine binds it. WANLAB_PORT_RANGE ("low-high") overrides.
 */
const DEFAULT_PORT_RANGE = { low: 20000, high: 32767 };
const MAX_ATTEMPTS_PER_PORT = 200;

function portRange(): { low: number; high: number } {
  const text = process.env.WANLAB_PORT_RANGE;
  const match = text ? /^([0-9]+)-([0-9]+)$/.exec(text) : null;
  if (!text) return DEFAULT_PORT_RANGE;
  const [low, high] = match ? [Number(match[1]), Number(match[2])] : [NaN, NaN];
  if (!(low >= 1024 && high <= 65535 && low < high)) {
    throw new HarnessError(
      'WANLAB_USAGE',
      `WANLAB_PORT_RANGE "${text}" is not a range like 20000-32767`,
      'unset it, or give low-high within 1024-65535',
    );
  }
  return { low, high };
}

function tryListen(port: number, host: string): Promise<Server | undefined> {
  return new Promise((resolve) => {
    const server = createServer();
    server.once('error', () => resolve(undefined));
    server.listen(port, host, () => resolve(server));
  });
}

/**
 * `count` distinct free TCP ports on `host`, all held at once, then released. A port handed out
 * earlier in this process is never reused, so two deployments in one harness cannot collide;
 * random picks keep concurrent harnesses apart.
 */
export async function freePorts(count: number, host = '127.0.0.1'): Promise<number[]> {
  const { low, high } = portRange();
  const ports: number[] = [];
  const held: Server[] = [];
  try {
    for (let attempts = 0; ports.length < count; attempts++) {
      if (attempts > count * MAX_ATTEMPTS_PER_PORT) {
        throw new HarnessError(
          'WANLAB_USAGE',
          `cannot find ${count} free ports in ${low}-${high}`,
          'free some ports or set WANLAB_PORT_RANGE',
        );
      }
      const port = low + Math.floor(Math.random() * (high - low + 1));
      if (handedOut.has(port)) continue;
      const server = await tryListen(port, host);
      if (!server) continue;
      held.push(server);
      handedOut.add(port);
      ports.push(port);
    }
  } finally {
    await Promise.all(held.map((server) => new Promise((done) => server.close(done))));
  }
  return ports;
}

/** Hands out pre-allocated ports one at a time, in order. */
export class PortPool {
  readonly #ports: number[];
  constructor(ports: number[]) {
    this.#ports = [...ports];
  }
  next(): number {
    const port = this.#ports.shift();
    if (port === undefined)
      throw new Error('port pool exhausted: allocate more ports for this deployment');
    return port;
  }
}
