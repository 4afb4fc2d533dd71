import { join, relative } from 'node:path';
import { Deployment } from '../../harness/deployment/deployment.js';
import { messageOf } from '../../harness/errors.js';
import { loadTopology } from '../../harness/topology/load-topology.js';
import type { Topology } from '../../harness/topology/model.js';
import { deriveSeed } from '../../harness/util/seed.js';
import { resetDeployment } from './reset-deployment.js';

/**
 * Parallel workers start deployments while others run scenarios, on a machine other suites
 * share: a member can take far longer than usual to load and answer. Generous, not tight.
 */
const START_TIMEOUT_MS = 60_000;
const START_ATTEMPTS = 3;
/**
 * A port someone else bound, in the words of node, of toxiproxy-server (go), and of a
 * receiver whose one-port range (the harness's pick) was taken.
 */
const PORT_TAKEN = /EADDRINUSE|address already in use|WAN_ERR_PORT_RANGE_EXHAUSTED/;

export interface Acquired {
  deployment: Deployment;
  /** True when a running deployment was reset and reused. */
  reused: boolean;
  /** How long starting or resetting took. */
  acquireMs: number;
  /** Why the running deployment could not be reused (it was replaced by a fresh one). */
  resetFailure?: string;
}

export interface PoolOptions {
  rootSeed: number;
  /** Deployments kept running at once in this worker; the least recently used one goes. */
  maxRunning: number;
  /** Where `the topology "<name>"` is looked up: <topologyDir>/<name>.yaml. */
  topologyDir: string;
}

/**
 * Running deployments shared by the scenarios of one cucumber worker, one per topology: a
 * scenario gets a deployment reset to a clean state instead of a new one, which keeps the
 * suite fast. Each worker (a separate process in parallel runs) has its own pool, so two
 * scenarios never share sites at the same time.
 */
export class DeploymentPool {
  readonly #options: PoolOptions;
  /** In order of last use: the first entry is the least recently used. */
  readonly #running = new Map<string, Deployment>();

  constructor(options: PoolOptions) {
    this.#options = options;
  }

  async acquire(topologyName: string): Promise<Deployment> {
    return (await this.acquireWithEvidence(topologyName)).deployment;
  }

  /** As acquire, and says how the deployment was obtained and how long that took. */
  async acquireWithEvidence(topologyName: string): Promise<Acquired> {
    const startedMs = performance.now();
    const elapsed = (): number => Math.round(performance.now() - startedMs);
    const current = this.#running.get(topologyName);
    let resetFailure: string | undefined;
    if (current) {
      this.#running.delete(topologyName);
      this.#running.set(topologyName, current);
      try {
        await resetDeployment(current);
        return { deployment: current, reused: true, acquireMs: elapsed() };
      } catch (error) {
        resetFailure = messageOf(error);
        await this.discard(topologyName);
      }
    }
    // A topology that does not validate throws here, failing the scenario with its message.
    // The runtime is WANLAB_RUNTIME (wanlab test --runtime) if set: Deployment.start reads it.
    const topology = loadTopology(
      relative(process.cwd(), join(this.#options.topologyDir, `${topologyName}.yaml`)),
    );
    await this.#makeRoom();
    const deployment = await this.#start(topology, topologyName);
    this.#running.set(topologyName, deployment);
    return {
      deployment,
      reused: false,
      acquireMs: elapsed(),
      ...(resetFailure === undefined ? {} : { resetFailure }),
    };
  }

  /**
   * Ports are chosen free, released, then bound by the engine processes a moment later; on a
   * busy machine another process can take one in between. That start is tried again, on new
   * ports; any other failure is the scenario's.
   */
  async #start(topology: Topology, topologyName: string): Promise<Deployment> {
    for (let attempt = 1; ; attempt++) {
      try {
        return await Deployment.start(topology, {
          seed: deriveSeed(this.#options.rootSeed, topologyName),
          startTimeoutMs: START_TIMEOUT_MS,
        });
      } catch (error) {
        if (attempt >= START_ATTEMPTS || !PORT_TAKEN.test(messageOf(error))) throw error;
      }
    }
  }

  async discard(topologyName: string): Promise<void> {
    const deployment = this.#running.get(topologyName);
    this.#running.delete(topologyName);
    await deployment?.stop();
  }

  async closeAll(): Promise<void> {
    await Promise.all([...this.#running.keys()].map((name) => this.discard(name)));
  }

  async #makeRoom(): Promise<void> {
    while (this.#running.size >= Math.max(1, this.#options.maxRunning)) {
      const [leastRecent] = this.#running.keys();
      await this.discard(leastRecent!);
    }
  }
}
