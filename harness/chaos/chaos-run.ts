import { setTimeout as delay } from 'node:timers/promises';
import { percentile } from '../checkers/lag.js';
import { messageOf } from '../errors.js';
import type { Experiment } from '../experiment/model.js';
import type { HistoryWriter } from '../history/history-file.js';
import { Observer, type ObservedMember } from '../history/observer.js';
import type { ChaosDeployment, ChaosMember } from '../nemesis/chaos-deployment.js';
import { ClockBook } from '../nemesis/clock-book.js';
import { captureBaseline, healEverything, type Baseline } from '../nemesis/heal-all.js';
import { Nemesis } from '../nemesis/nemesis.js';
import type { PlannedFault } from '../nemesis/planned-fault.js';
import { Workload, type WorkloadTarget } from '../workload/workload.js';
import type { ChaosRunOptions } from './run-experiment.js';
import type { Progress } from './progress.js';
import { awaitQuiescence } from './quiescence.js';

/** One run's moving parts, from the first write to the final state. */
export class ChaosRun {
  readonly #experiment: Experiment;
  readonly #deployment: ChaosDeployment;
  readonly #history: HistoryWriter;
  readonly #schedule: PlannedFault[];
  readonly #timeLimitMs: number;
  readonly #options: ChaosRunOptions;
  readonly #clocks: ClockBook;
  readonly #observer: Observer;
  #started: { startWallMs: number; workload: Workload; nemesis: Nemesis } | undefined;
  /** Operations done at the last progress report, for ops/s. */
  #lastCount: { atMs: number; done: number } | undefined;

  constructor(
    experiment: Experiment,
    deployment: ChaosDeployment,
    history: HistoryWriter,
    schedule: PlannedFault[],
    timeLimitMs: number,
    options: ChaosRunOptions,
  ) {
    this.#experiment = experiment;
    this.#deployment = deployment;
    this.#history = history;
    this.#schedule = schedule;
    this.#timeLimitMs = timeLimitMs;
    this.#options = options;
    const sink = (record: Parameters<HistoryWriter['append']>[0]): void => history.append(record);
    this.#clocks = new ClockBook(deployment.topology, (site, offsetMs) =>
      sink({ type: 'clock', site, offsetMs }),
    );
    this.#observer = new Observer(observedMembers(deployment), sink, (site) =>
      this.#clocks.offsetOf(site),
    );
  }

  async play(): Promise<void> {
    const baseline = await captureBaseline(this.#deployment);
    await this.#observer.skipExisting();
    this.#observer.start();
    try {
      await this.#record();
      await this.#recover(baseline);
    } finally {
      await this.#observer.stop();
    }
  }

  /** Writers and nemesis until the time limit; then the writers stop and every fault heals. */
  async #record(): Promise<void> {
    const workload = new Workload(
      this.#experiment.workload,
      writeTarget(this.#deployment),
      operationLog(this.#history),
      this.#options.seed,
    );
    const nemesis = new Nemesis(
      this.#schedule,
      { deployment: this.#deployment, clocks: this.#clocks, observer: this.#observer },
      (record) => this.#history.append(record),
    );
    const startWallMs = Date.now();
    this.#started = { startWallMs, workload, nemesis };
    this.#history.append({ type: 'phase', phase: 'workload-start', wallMs: startWallMs });
    try {
      workload.start();
      nemesis.start(startWallMs, this.#timeLimitMs);
      await this.#reportUntil(startWallMs + this.#timeLimitMs);
    } finally {
      await workload.stop();
      this.#history.append({ type: 'phase', phase: 'workload-end' });
      this.#progress('healing');
      await nemesis.finish();
    }
  }

  /** The final heal, quiescence, every log read to its end, the final state. */
  async #recover(baseline: Baseline): Promise<void> {
    await this.#heal(baseline);
    this.#progress('converging');
    const quiescent = await awaitQuiescence(this.#deployment, this.#experiment.recoveryTimeoutMs);
    this.#history.append({ type: 'phase', phase: quiescent ? 'quiescent' : 'not-quiescent' });
    await this.#observer.drain();
    await this.#readFinalState();
    this.#progress('checking');
  }

  async #heal(baseline: Baseline): Promise<void> {
    try {
      await healEverything(this.#deployment, baseline, this.#clocks);
      this.#history.append({ type: 'phase', phase: 'healed' });
    } catch (error) {
      this.#history.append({
        type: 'error',
        message: `the final heal failed: ${messageOf(error)}`,
      });
    }
  }

  async #readFinalState(): Promise<void> {
    const region = this.#experiment.workload.region;
    for (const member of this.#deployment.members().filter((m) => m.state === 'running')) {
      const site = member.spec.siteName;
      if (
        !this.#deployment.topology.sites
          .find((s) => s.name === site)
          ?.regions.some((r) => r.name === region)
      )
        continue;
      try {
        const entries = (await member.client.entries(region)).map((e) => ({
          ...e,
          value: e.value,
        }));
        this.#history.append({ type: 'final', site, member: member.name, entries });
        await this.#readStats(member, site);
      } catch (error) {
        this.#history.append({
          type: 'error',
          message: `cannot read the final state of ${member.name}: ${messageOf(error)}`,
        });
      }
    }
  }

  async #readStats(member: ChaosMember, site: string): Promise<void> {
    const numbers = (counters: object): Record<string, number> =>
      Object.fromEntries(Object.entries(counters).filter(([, v]) => typeof v === 'number'));
    const senders = Object.fromEntries(
      (await member.client.senders()).map((s) => [s.id, numbers(s.stats)]),
    );
    const receiver = await member.client.receiver().catch(() => undefined);
    this.#history.append({
      type: 'stats',
      site,
      member: member.name,
      ...(receiver ? { receiver: numbers(receiver.stats) } : {}),
      senders,
    });
  }

  async #reportUntil(endWallMs: number): Promise<void> {
    const everyMs = this.#options.progressEveryMs ?? 1000;
    while (Date.now() < endWallMs) {
      await delay(Math.min(everyMs, Math.max(0, endWallMs - Date.now())));
      this.#progress('running');
    }
  }

  #progress(phase: Progress['phase']): void {
    const started = this.#started;
    if (!this.#options.onProgress || !started) return;
    const counts = started.workload.counts();
    const done = counts.ok + counts.fail + counts.unknown;
    const now = Date.now();
    const last = this.#lastCount;
    const opsPerS = last ? ((done - last.done) * 1000) / Math.max(1, now - last.atMs) : 0;
    this.#lastCount = { atMs: now, done };
    const snapshot = this.#observer.snapshot();
    const lagP50Ms = percentile(
      [...snapshot.recentLagsMs].sort((a, b) => a - b),
      0.5,
    );
    this.#options.onProgress({
      phase,
      elapsedMs: now - started.startWallMs,
      timeLimitMs: this.#timeLimitMs,
      counts,
      opsPerS,
      queues: snapshot.queues,
      ...(lagP50Ms === undefined ? {} : { lagP50Ms: Math.round(lagP50Ms) }),
      activeFaults: started.nemesis.active(),
    });
  }
}

function observedMembers(deployment: ChaosDeployment): ObservedMember[] {
  return deployment.members().map((m) => ({
    name: m.name,
    site: m.spec.siteName,
    siteId: m.siteId,
    client: m.client,
    state: () => m.state,
  }));
}

/** Writers prefer a running member of their site, then a frozen one (its answers time out). */
function writeTarget(deployment: ChaosDeployment): WorkloadTarget {
  return {
    memberFor(site, writer) {
      const members = deployment.members(site);
      const running = members.filter((m) => m.state === 'running');
      const usable = running.length > 0 ? running : members.filter((m) => m.state === 'frozen');
      const member = usable[writer % Math.max(1, usable.length)];
      return member ? { name: member.name, client: member.client } : undefined;
    },
  };
}

function operationLog(history: HistoryWriter): ConstructorParameters<typeof Workload>[2] {
  let next = 0;
  return {
    invoke(invocation) {
      const op = ++next;
      history.append({ type: 'invoke', op, ...invocation });
      return op;
    },
    complete(op, completion) {
      history.append({ op, ...completion });
    },
  };
}
