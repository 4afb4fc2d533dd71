import type { ChaosDeployment } from './chaos-deployment.js';
import type { ClockBook } from './clock-book.js';

export interface MemberBaseline {
  senders: Array<{ id: string; running: boolean; paused: boolean }>;
  receiverRunning?: boolean;
}

/** How each member's senders and receiver were when the run began. */
export interface Baseline {
  members: Map<string, MemberBaseline>;
}

export async function captureBaseline(deployment: ChaosDeployment): Promise<Baseline> {
  const members = new Map<string, MemberBaseline>();
  for (const member of deployment.members().filter((m) => m.state === 'running')) {
    const senders = (await member.client.senders()).map((s) => ({
      id: s.id,
      running: s.running,
      paused: s.paused,
    }));
    const receiver = await member.client.receiver().catch(() => undefined);
    members.set(member.name, {
      senders,
      ...(receiver ? { receiverRunning: receiver.running } : {}),
    });
  }
  return { members };
}

/**
 * The final heal, whatever the nemesis left behind: every link enabled and toxic removed,
 * every member running and thawed, clocks back to the topology's offsets (on an engine whose
 * clocks can move), senders and receivers as they were when the run began.
 */
export async function healEverything(
  deployment: ChaosDeployment,
  baseline: Baseline,
  clocks: ClockBook,
): Promise<void> {
  await deployment.links.reset();
  for (const member of deployment.members()) {
    if (member.state === 'frozen') await member.thaw();
    if (member.state !== 'running') await deployment.startMember(member.name);
  }
  // Without clock-offset no fault moved a clock (preflight refuses clock faults), and the
  // engine has no route to set one.
  const clocksMovable = deployment.capabilities.has('clock-offset');
  for (const member of deployment.members()) {
    const site = member.spec.siteName;
    if (clocksMovable) {
      await member.client.setClockOffset(clocks.baseOf(site));
      clocks.note(site, clocks.baseOf(site));
    }
    const before = baseline.members.get(member.name);
    if (!before) continue;
    for (const sender of await member.client.senders()) {
      const was = before.senders.find((s) => s.id === sender.id);
      if (!was) continue;
      if (was.running && !sender.running) await member.client.senderAction(sender.id, 'start');
      if (was.running && !was.paused && (await member.client.sender(sender.id)).paused)
        await member.client.senderAction(sender.id, 'resume');
    }
    if (before.receiverRunning && !(await member.client.receiver()).running) {
      await deployment.startReceiver(member.name, () => member.client.receiverAction('start'));
    }
  }
  await deployment.syncReceiverUpstreams();
}
