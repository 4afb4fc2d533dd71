import { join } from 'node:path';
import { Deployment } from '../../harness/deployment/deployment.js';
import { loadTopology } from '../../harness/topology/load-topology.js';
import { projectRoot } from '../../harness/util/project-root.js';
import { deriveSeed } from '../../harness/util/seed.js';
import { eventually } from '../../harness/util/wait.js';

const QUIESCE_TIMEOUT_MS = 20000;

/**
 * Running deployments shared by the scenarios of one cucumber worker, one per topology: a
 * scenario gets a deployment reset to a clean state (links healed, members and senders
 * running, queues drained, regions empty) instead of a new one, which keeps the suite fast.
 */
export class DeploymentPool {
  readonly #rootSeed: number;
  readonly #running = new Map<string, Deployment>();

  constructor(rootSeed: number) {
    this.#rootSeed = rootSeed;
  }

  async acquire(topologyName: string): Promise<Deployment> {
    const current = this.#running.get(topologyName);
    if (current && (await resetForReuse(current))) return current;
    if (current) await this.discard(topologyName);
    const file = join(projectRoot(), 'topologies', `${topologyName}.yaml`);
    const deployment = await Deployment.start(loadTopology(file), {
      seed: deriveSeed(this.#rootSeed, topologyName),
    });
    this.#running.set(topologyName, deployment);
    return deployment;
  }

  async discard(topologyName: string): Promise<void> {
    const deployment = this.#running.get(topologyName);
    this.#running.delete(topologyName);
    await deployment?.stop();
  }

  async closeAll(): Promise<void> {
    await Promise.all([...this.#running.keys()].map((name) => this.discard(name)));
  }
}

/** Brings a used deployment back to the state of a fresh one; false if it cannot. */
async function resetForReuse(deployment: Deployment): Promise<boolean> {
  try {
    await deployment.links.reset();
    for (const locator of deployment.locators()) {
      if (locator.state !== 'running') await deployment.startLocator(locator.name);
    }
    for (const member of deployment.members()) {
      if (member.state === 'frozen') await member.thaw();
      if (member.state !== 'running') await deployment.startMember(member.name);
    }
    for (const member of deployment.members()) await restoreMember(deployment, member.name);
    await quiesce(deployment);
    for (const member of deployment.members()) {
      for (const region of await member.client.regions()) await member.client.clear(region.name);
    }
    return true;
  } catch {
    return false;
  }
}

async function restoreMember(deployment: Deployment, name: string): Promise<void> {
  const member = deployment.member(name);
  const site = deployment.site(member.spec.siteName);
  await member.client.setClockOffset(site.clockOffsetMs);
  for (const sender of await member.client.senders()) {
    if (!sender.running) await member.client.senderAction(sender.id, 'start');
    else if (sender.paused) await member.client.senderAction(sender.id, 'resume');
  }
  const receiver = deployment.plan.members.find((p) => p.launch.name === name)?.config.receiver;
  if (receiver && !receiver.manualStart && !(await member.client.receiver()).running) {
    await member.client.receiverAction('start');
    await deployment.syncReceiverUpstreams();
  }
}

/** Waits until every sender queue is empty, twice in a row (forwarded events may be in flight). */
async function quiesce(deployment: Deployment): Promise<void> {
  let emptyPolls = 0;
  await eventually(
    async () => {
      const sizes = await Promise.all(
        deployment
          .members()
          .map(async (m) => (await m.client.senders()).reduce((n, s) => n + s.queue.size, 0)),
      );
      emptyPolls = sizes.every((size) => size === 0) ? emptyPolls + 1 : 0;
      return emptyPolls;
    },
    (polls) => polls >= 2,
    { timeoutMs: QUIESCE_TIMEOUT_MS, pollMs: 50, description: 'every sender queue to drain' },
  );
}
