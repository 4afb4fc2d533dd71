import { World, setWorldConstructor, type IWorldOptions } from '@cucumber/cucumber';
import type { MemberClient } from '../../harness/client/member-client.js';
import type { Deployment, MemberHandle } from '../../harness/deployment/deployment.js';
import { HarnessError } from '../../harness/errors.js';
import { eventually, staysTrue } from '../../harness/util/wait.js';

/** Deadline of every "eventually" in a step; WANLAB_EVENTUALLY_MS overrides it. */
export const EVENTUALLY_MS = Number(process.env.WANLAB_EVENTUALLY_MS ?? 20000);

/** The per-scenario world: the deployment in use and the helpers steps share. */
export class WanWorld extends World {
  #deployment: Deployment | undefined;

  constructor(options: IWorldOptions) {
    super(options);
  }

  get deployment(): Deployment {
    if (!this.#deployment) {
      throw new HarnessError(
        'WANLAB_USAGE',
        'no topology is running in this scenario',
        'start with: Given the topology "two-site" is running',
      );
    }
    return this.#deployment;
  }

  set deployment(deployment: Deployment) {
    this.#deployment = deployment;
  }

  get hasDeployment(): boolean {
    return this.#deployment !== undefined;
  }

  /** The member that serves "at site X": the first running member of the site. */
  siteMember(site: string): MemberHandle {
    const model = this.deployment.site(site);
    const member = this.deployment.members(model.name).find((m) => m.state === 'running');
    if (member) return member;
    throw new HarnessError(
      'WANLAB_UNKNOWN_TARGET',
      `site ${model.name} has no running member`,
      'start one first',
    );
  }

  siteClient(site: string): MemberClient {
    return this.siteMember(site).client;
  }

  eventually<T>(
    description: string,
    probe: () => Promise<T>,
    accept: (value: T) => boolean,
  ): Promise<T> {
    return eventually(probe, accept, { timeoutMs: EVENTUALLY_MS, description });
  }

  staysTrue<T>(
    description: string,
    durationMs: number,
    probe: () => Promise<T>,
    accept: (value: T) => boolean,
  ): Promise<T> {
    return staysTrue(probe, accept, { durationMs, description });
  }
}

setWorldConstructor(WanWorld);
