import type { MemberClient } from '../../harness/client/member-client.js';
import type { Deployment } from '../../harness/deployment/deployment.js';
import { eventually } from '../../harness/util/wait.js';
import { restoreDefinitions } from './restore-definitions.js';

const QUIESCE_TIMEOUT_MS = 20000;

/**
 * Brings a used deployment back to the state of a fresh one: links healed (proxies enabled,
 * toxics gone), every locator and member running, senders started and resumed, receivers
 * running, clocks as configured, sender queues drained, regions empty. Members are handled
 * concurrently: the reset runs between every two scenarios.
 */
export async function resetDeployment(deployment: Deployment): Promise<void> {
  await deployment.links.reset();
  await Promise.all(
    deployment
      .locators()
      .filter((locator) => locator.state !== 'running')
      .map((locator) => deployment.startLocator(locator.name)),
  );
  for (const member of deployment.members()) {
    if (member.state === 'frozen') await member.thaw();
  }
  await Promise.all(
    deployment
      .members()
      .filter((member) => member.state !== 'running')
      .map((member) => deployment.startMember(member.name)),
  );
  const receiversStarted = await Promise.all(
    deployment.members().map((member) => restoreMember(deployment, member.name)),
  );
  if (receiversStarted.some(Boolean)) await deployment.syncReceiverUpstreams();
  await quiesce(deployment);
  await Promise.all(
    deployment.members().map(async (member) => {
      for (const region of await member.client.regions()) await member.client.clear(region.name);
    }),
  );
}

/** Senders running and resumed, clock as configured; true if its receiver had to be started. */
async function restoreMember(deployment: Deployment, name: string): Promise<boolean> {
  const member = deployment.member(name);
  const site = deployment.site(member.spec.siteName);
  if (deployment.has('clock-offset')) await member.client.setClockOffset(site.clockOffsetMs);
  if (deployment.has('wan-copy')) await endWanCopies(member.client);
  await restoreDefinitions(deployment, name);
  for (const sender of await member.client.senders()) {
    if (!sender.running) await member.client.senderAction(sender.id, 'start');
    else if (sender.paused) await member.client.senderAction(sender.id, 'resume');
  }
  if (!deployment.hasReceiver(name) || site.receiver.manualStart) return false;
  if ((await member.client.receiver()).running) return false;
  await deployment.startReceiver(name, () => member.client.receiverAction('start'));
  return true;
}

/** A wan-copy a scenario left running would write into the next one's regions (GEODE-7). */
async function endWanCopies(client: MemberClient): Promise<void> {
  const running = (await client.wanCopies()).filter((copy) => copy.state === 'running');
  if (running.length === 0) return;
  await Promise.all(running.map((copy) => client.cancelWanCopy(copy.id)));
  await eventually(
    async () => (await client.wanCopies()).filter((copy) => copy.state === 'running').length,
    (stillRunning) => stillRunning === 0,
    { timeoutMs: QUIESCE_TIMEOUT_MS, pollMs: 50, description: 'every wan-copy to end' },
  );
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
      return { emptyPolls, sizes };
    },
    (observed) => observed.emptyPolls >= 2,
    { timeoutMs: QUIESCE_TIMEOUT_MS, pollMs: 50, description: 'every sender queue to drain' },
  );
}
