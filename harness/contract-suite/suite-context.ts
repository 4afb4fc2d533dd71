import { join, relative } from 'node:path';
import type { Capability } from '../../contract/index.js';
import { Deployment } from '../deployment/deployment.js';
import { engineFor } from '../engines/engine-choice.js';
import type { EngineDriver } from '../engines/engine-driver.js';
import { loadTopology } from '../topology/load-topology.js';
import type { Topology } from '../topology/model.js';
import { projectRoot } from '../util/project-root.js';
import { eventually } from '../util/wait.js';
import { ContractClient } from './contract-client.js';

/** The suite's deployment: topologies/contract.yaml (two sites of one member each). */
export const ORIGIN = { site: 'site1', id: 1, member: 'site1-m1', locator: 'site1-locator' };
export const REMOTE = { site: 'site2', id: 2, member: 'site2-m1', locator: 'site2-locator' };
export const SERIAL = { region: 'data', sender: 'to-site2' };
export const PARALLEL = { region: 'orders', sender: 'orders-to-site2' };

const START_TIMEOUT_MS = 60_000;
export const DEADLINE_MS = 20_000;

/** Everything a check needs: the engine under test, its deployment and contract clients. */
export class SuiteContext {
  readonly topology: Topology;
  readonly driver: EngineDriver;
  #deployment: Deployment | undefined;

  constructor() {
    this.topology = loadTopology(
      relative(process.cwd(), join(projectRoot(), 'topologies', 'contract.yaml')),
    );
    this.driver = engineFor(this.topology);
  }

  has(capability: Capability): boolean {
    return this.driver.capabilities.has(capability);
  }

  /** node:test's `skip`: the reason when the engine lacks the capability, else false. */
  skipUnless(capability: Capability): string | false {
    return this.has(capability) ? false : `the ${this.driver.name} engine lacks ${capability}`;
  }

  async start(): Promise<void> {
    this.#deployment = await Deployment.start(this.topology, {
      engine: this.driver,
      startTimeoutMs: START_TIMEOUT_MS,
    });
  }

  async stop(): Promise<void> {
    await this.#deployment?.stop();
  }

  get deployment(): Deployment {
    if (!this.#deployment) throw new Error('the contract deployment did not start');
    return this.#deployment;
  }

  member(name: string): ContractClient {
    return new ContractClient(
      this.deployment.member(name).controlUrl,
      this.deployment.plan.controlToken,
    );
  }

  locator(name: string): ContractClient {
    return new ContractClient(
      this.deployment.locator(name).controlUrl,
      this.deployment.plan.controlToken,
    );
  }

  get origin(): ContractClient {
    return this.member(ORIGIN.member);
  }

  get remote(): ContractClient {
    return this.member(REMOTE.member);
  }

  eventually<T>(description: string, probe: () => Promise<T>, accept: (v: T) => boolean) {
    return eventually(probe, accept, { timeoutMs: DEADLINE_MS, pollMs: 50, description });
  }
}
