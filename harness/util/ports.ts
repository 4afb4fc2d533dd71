import { createServer, type Server } from 'node:net';
import { HarnessError } from '../errors.js';
import { claimPort } from './port-claims.js';

const handedOut = new Set<number>();

/**
 * Ports come from below the kernel's ephemeral range (32768–60999 on Linux), so an outgoing
 * connection of any process on the machine cannot take a port between the moment it is
 * chosen here and the moment an engine binds it. WANLAB_PORT_RANGE ("low-high") overrides.
 */
const DEFAULT_PORT_RANGE = { low: 20000, high: 32767 };
const MAX_ATTEMPTS_PER_PORT = 200;

/**
 * The share of the range of this cucumber worker: workers are processes, each with its own
 * record of the ports it handed out, so two starting deployments could pick the same port and
 * the second to bind it fails (seen: a proxy's listen port, "address already in use").
 */
export function workerShare(
  range: { low: number; high: number },
  env: NodeJS.ProcessEnv = process.env,
): { low: number; high: number } {
  const id = Number(env.CUCUMBER_WORKER_ID);
  const total = Number(env.CUCUMBER_TOTAL_WORKERS);
  if (!Number.isInteger(id) || !Number.isInteger(total) || total < 2 || id < 0 || id >= total)
    return range;
  const size = Math.floor((range.high - range.low + 1) / total);
  const low = range.low + id * size;
  return { low, high: low + size - 1 };
}

function portRange(): { low: number; high: number } {
  return workerShare(configuredRange());
}

function configuredRange(): { low: number; high: number } {
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
 * claims (port-claims.ts) keep concurrent harnesses on one machine apart.
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
      if (!claimPort(port)) {
        // Free now, but another harness on this machine handed it out: it binds it soon.
        await new Promise((done) => server.close(done));
        continue;
      }
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
