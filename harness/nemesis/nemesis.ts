import { setTimeout as delay } from 'node:timers/promises';
import { messageOf } from '../errors.js';
import { describeTarget } from '../experiment/model.js';
import type { RecordSink } from '../history/observer.js';
import type { TargetRecord } from '../history/records.js';
import type { Topology } from '../topology/model.js';
import { inject, type NemesisContext } from './fault-actions.js';
import { resourcesOf } from './plan-schedule.js';
import type { PlannedFault } from './planned-fault.js';

/**
 * Plays a planned fault schedule against a live deployment: each fault at its time, healed
 * after its duration, every start and end recorded with the wall time it took effect. Two
 * faults on one resource never overlap: the later one waits for the earlier one's heal.
 */
export class Nemesis {
  readonly #schedule: PlannedFault[];
  readonly #ctx: NemesisContext;
  readonly #sink: RecordSink;
  readonly #topology: Topology;
  readonly #now: () => number;
  readonly #stop = new AbortController();
  readonly #active = new Map<number, PlannedFault>();
  readonly #errors: string[] = [];
  #tasks: Array<Promise<void>> = [];
  #timeLimitMs = Number.POSITIVE_INFINITY;

  constructor(
    schedule: PlannedFault[],
    ctx: NemesisContext,
    sink: RecordSink,
    now: () => number = Date.now,
  ) {
    this.#schedule = schedule;
    this.#ctx = ctx;
    this.#sink = sink;
    this.#topology = ctx.deployment.topology;
    this.#now = now;
  }

  /**
   * Starts the schedule; `startWallMs` is time zero of the planned start times. A fault that
   * lasts to `timeLimitMs` is held until `finish`, so it is healed only after the workload has
   * stopped (a clock skew healed under a running workload would step its clock back).
   */
  start(startWallMs: number, timeLimitMs = Number.POSITIVE_INFINITY): void {
    this.#timeLimitMs = timeLimitMs;
    const tails = new Map<string, Promise<void>>();
    this.#tasks = this.#schedule.map((fault) => {
      const resources = resourcesOf(fault.kind, fault.target, this.#topology);
      const before = Promise.all(resources.map((r) => tails.get(r)));
      const task = this.#play(
        fault,
        startWallMs,
        before.then(() => undefined),
      );
      for (const r of resources) tails.set(r, task);
      return task;
    });
  }

  active(): PlannedFault[] {
    return [...this.#active.values()];
  }

  /** Harness problems: faults that could not be injected or healed. */
  errors(): string[] {
    return [...this.#errors];
  }

  /** Cancels faults not yet started and heals the active ones now. */
  async finish(): Promise<void> {
    this.#stop.abort();
    await Promise.all(this.#tasks);
  }

  async #play(fault: PlannedFault, startWallMs: number, before: Promise<void>): Promise<void> {
    if (!(await this.#sleepUntil(startWallMs + fault.startMs))) return;
    await before;
    if (this.#stop.signal.aborted) return;
    const requestedWallMs = this.#now();
    let heal;
    try {
      heal = await inject(fault, this.#ctx);
    } catch (error) {
      this.#fail(
        `fault #${fault.id} ${fault.kind} ${describeTarget(fault.target)} could not be injected: ${messageOf(error)}`,
      );
      return;
    }
    this.#sink({
      type: 'fault-start',
      fault: fault.id,
      kind: fault.kind,
      target: this.#targetRecord(fault),
      ...(fault.stream ? { stream: fault.stream } : {}),
      params: fault.params,
      requestedWallMs,
    });
    this.#active.set(fault.id, fault);
    const toTheEnd = fault.startMs + fault.durationMs >= this.#timeLimitMs;
    await this.#sleepUntil(
      toTheEnd ? Number.POSITIVE_INFINITY : requestedWallMs + fault.durationMs,
    );
    const healRequestedWallMs = this.#now();
    try {
      await heal();
      this.#sink({
        type: 'fault-end',
        fault: fault.id,
        outcome: 'healed',
        requestedWallMs: healRequestedWallMs,
      });
    } catch (error) {
      const message = `fault #${fault.id} ${fault.kind} ${describeTarget(fault.target)} could not be healed: ${messageOf(error)}`;
      this.#sink({
        type: 'fault-end',
        fault: fault.id,
        outcome: 'failed',
        error: message,
        requestedWallMs: healRequestedWallMs,
      });
      this.#fail(message);
    } finally {
      this.#active.delete(fault.id);
    }
  }

  #fail(message: string): void {
    this.#errors.push(message);
    this.#sink({ type: 'error', message });
  }

  #targetRecord(fault: PlannedFault): TargetRecord {
    const t = fault.target;
    const siteOfMember = (name: string): string =>
      this.#topology.sites.find((s) => s.members.some((m) => m.name === name))?.name ?? '?';
    switch (t.type) {
      case 'link': {
        const link = this.#topology.links.find((l) => l.name === t.link);
        return {
          type: 'link',
          link: t.link,
          fromSite: link?.fromSite ?? '?',
          toSite: link?.toSite ?? '?',
        };
      }
      case 'site':
        return { type: 'site', site: t.site };
      case 'member':
        return { type: 'member', member: t.member, site: siteOfMember(t.member) };
      case 'sender':
        return { type: 'sender', member: t.member, sender: t.sender, site: siteOfMember(t.member) };
    }
  }

  /** False if the nemesis was stopped while waiting; an infinite time waits for that. */
  async #sleepUntil(wallMs: number): Promise<boolean> {
    const signal = this.#stop.signal;
    if (!Number.isFinite(wallMs)) {
      if (!signal.aborted)
        await new Promise((resolve) => signal.addEventListener('abort', resolve, { once: true }));
      return false;
    }
    const waitMs = wallMs - this.#now();
    if (waitMs > 0 && !signal.aborted) {
      try {
        await delay(waitMs, undefined, { signal });
      } catch {
        return false;
      }
    }
    return !signal.aborted;
  }
}
