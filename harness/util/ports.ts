import { createServer, type Server } from 'node:net';

const handedOut = new Set<number>();

function listenEphemeral(host: string): Promise<Server> {
  return new Promise((resolve, reject) => {
    const server = createServer();
    server.once('error', reject);
    server.listen(0, host, () => resolve(server));
  });
}

/**
 * `count` distinct free TCP ports on `host`, all bound at once so the kernel cannot hand the
 * same one twice, then released. A port handed out earlier in this process is never reused,
 * so two deployments in one harness cannot collide.
 */
export async function freePorts(count: number, host = '127.0.0.1'): Promise<number[]> {
  const ports: number[] = [];
  const held: Server[] = [];
  try {
    while (ports.length < count) {
      const server = await listenEphemeral(host);
      held.push(server);
      const port = (server.address() as { port: number }).port;
      if (handedOut.has(port)) continue;
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
