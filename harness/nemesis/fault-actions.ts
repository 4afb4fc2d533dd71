import type { ToxicSpec } from '../links/toxics.js';
import type { ChaosDeployment, ChaosMember } from './chaos-deployment.js';
import type { ClockBook } from './clock-book.js';
import type { PlannedFault } from './planned-fault.js';
import { HarnessError } from '../errors.js';

/** What injecting a fault needs besides the deployment. */
export interface NemesisContext {
  deployment: ChaosDeployment;
  clocks: ClockBook;
  /** Told before a member goes away, so the history knows what it could not read. */
  observer: { drainMember(name: string): Promise<void>; memberLost(name: string): void };
}

export type Heal = () => Promise<void>;

const NOTHING_TO_HEAL: Heal = async () => undefined;

/** Injects one fault and returns how to heal it. */
export async function inject(fault: PlannedFault, ctx: NemesisContext): Promise<Heal> {
  const { deployment } = ctx;
  const target = fault.target;
  switch (fault.kind) {
    case 'link-down':
      return linksDown(ctx, [linkOf(fault)]);
    case 'partition-site': {
      const site = target.type === 'site' ? target.site : '';
      const links = deployment.topology.links
        .filter((l) => l.fromSite === site || l.toSite === site)
        .map((l) => l.name);
      return linksDown(ctx, links);
    }
    case 'member-kill':
      return memberFault(ctx, fault, async (m) => {
        ctx.observer.memberLost(m.name);
        await m.kill();
      });
    case 'member-stop':
      return memberFault(ctx, fault, async (m) => {
        await ctx.observer.drainMember(m.name);
        ctx.observer.memberLost(m.name);
        await m.stop();
      });
    case 'member-freeze': {
      const member = memberOf(ctx, fault);
      await member.freeze();
      return () => member.thaw();
    }
    case 'clock-skew':
      return clockSkew(ctx, fault);
    case 'sender-pause':
    case 'sender-stop':
      return senderFault(ctx, fault);
    case 'receiver-stop': {
      const member = memberOf(ctx, fault);
      await member.client.receiverAction('stop');
      return async () => {
        await deployment.startReceiver(member.name, () => member.client.receiverAction('start'));
      };
    }
    case 'rebalance': {
      const { member, sender } = senderOf(ctx, fault);
      await member.client.request('POST', `/v1/senders/${encodeURIComponent(sender)}/rebalance`);
      return NOTHING_TO_HEAL;
    }
    default:
      return toxic(ctx, fault);
  }
}

/** The Toxiproxy toxic a link fault stands for. */
export function toxicOf(fault: PlannedFault): ToxicSpec {
  const p = fault.params;
  switch (fault.kind) {
    case 'blackhole':
      return { type: 'timeout', timeoutMs: p.timeoutMs ?? 0 };
    case 'reset-peer':
      return { type: 'reset_peer', timeoutMs: p.timeoutMs ?? 0 };
    case 'latency':
      return { type: 'latency', latencyMs: p.latencyMs ?? 0, jitterMs: p.jitterMs ?? 0 };
    case 'bandwidth':
      return { type: 'bandwidth', rateKbPerS: p.rateKbPerS ?? 0 };
    case 'slicer':
      return {
        type: 'slicer',
        averageSizeBytes: p.averageSizeBytes ?? 1,
        sizeVariationBytes: p.sizeVariationBytes ?? 0,
        delayUs: p.delayUs ?? 0,
      };
    case 'limit-data':
      return { type: 'limit_data', bytes: p.bytes ?? 1 };
    case 'slow-close':
      return { type: 'slow_close', delayMs: p.delayMs ?? 0 };
    default:
      throw new HarnessError(
        'WANLAB_USAGE',
        `${fault.kind} is not a toxic`,
        'this is a harness bug',
      );
  }
}

async function toxic(ctx: NemesisContext, fault: PlannedFault): Promise<Heal> {
  const link = linkOf(fault);
  const name = await ctx.deployment.links.addToxic(
    link,
    toxicOf(fault),
    fault.stream ?? 'downstream',
  );
  return () => ctx.deployment.links.removeToxic(link, name);
}

async function linksDown(ctx: NemesisContext, links: string[]): Promise<Heal> {
  for (const link of links) await ctx.deployment.links.setLinkEnabled(link, false);
  return async () => {
    for (const link of links) await ctx.deployment.links.setLinkEnabled(link, true);
  };
}

async function memberFault(
  ctx: NemesisContext,
  fault: PlannedFault,
  down: (member: ChaosMember) => Promise<void>,
): Promise<Heal> {
  const member = memberOf(ctx, fault);
  await down(member);
  return () => ctx.deployment.startMember(member.name);
}

async function clockSkew(ctx: NemesisContext, fault: PlannedFault): Promise<Heal> {
  const site = fault.target.type === 'site' ? fault.target.site : '';
  const base = ctx.clocks.baseOf(site);
  const setAll = async (offsetMs: number): Promise<void> => {
    for (const member of ctx.deployment.members(site).filter((m) => m.state === 'running'))
      await member.client.setClockOffset(offsetMs);
    ctx.clocks.note(site, offsetMs);
  };
  await setAll(base + (fault.params.offsetMs ?? 0));
  return () => setAll(base);
}

async function senderFault(ctx: NemesisContext, fault: PlannedFault): Promise<Heal> {
  const { member, sender } = senderOf(ctx, fault);
  const [down, up] =
    fault.kind === 'sender-pause' ? (['pause', 'resume'] as const) : (['stop', 'start'] as const);
  await member.client.senderAction(sender, down);
  return async () => {
    await member.client.senderAction(sender, up);
  };
}

function linkOf(fault: PlannedFault): string {
  if (fault.target.type !== 'link') throw targetMismatch(fault);
  return fault.target.link;
}

function memberOf(ctx: NemesisContext, fault: PlannedFault): ChaosMember {
  if (fault.target.type !== 'member') throw targetMismatch(fault);
  return ctx.deployment.member(fault.target.member);
}

function senderOf(
  ctx: NemesisContext,
  fault: PlannedFault,
): { member: ChaosMember; sender: string } {
  if (fault.target.type !== 'sender') throw targetMismatch(fault);
  return { member: ctx.deployment.member(fault.target.member), sender: fault.target.sender };
}

function targetMismatch(fault: PlannedFault): HarnessError {
  return new HarnessError(
    'WANLAB_UNKNOWN_TARGET',
    `fault ${fault.kind} cannot act on a ${fault.target.type}`,
    'this is a harness bug: the experiment loader should have rejected it',
  );
}
