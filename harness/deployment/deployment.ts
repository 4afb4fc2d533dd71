import { mkdirSync, writeFileSync } from 'node:fs';
import { join } from 'node:path';
import {
  addressText,
  proxyName,
  type Capability,
  type DeploymentLayout,
  type PlannedMember,
  type SitePlan,
} from '../../contract/index.js';
import type { LocatorClient } from '../client/locator-client.js';
import type { MemberClient } from '../client/member-client.js';
import { engineFor } from '../engines/engine-choice.js';
import type { EngineDriver, PreparedProcess } from '../engines/engine-driver.js';
import { HarnessError } from '../errors.js';
import { ControlApiError } from '../client/control-client.js';
import { LinkController } from '../links/link-controller.js';
import { ProcessRegistry } from '../runtime/process-registry.js';
import { runtimeFactory, runtimeKindFor, type RuntimeFactory } from '../runtime/runtime-choice.js';
import type { Runtime, RuntimeKind, ToxiproxyEndpoint } from '../runtime/runtime.js';
import type { SiteModel, Topology } from '../topology/model.js';
import { freePorts, PortPool } from '../util/ports.js';
import { projectRoot } from '../util/project-root.js';
import { keepRunsFrom, pruneRunFolder } from '../util/run-retention.js';
import { newControlToken, newSiteSecret } from '../util/control-token.js';
import { CONTROL_TOKEN_FILE } from './deployment-info.js';
import { withTlsFiles } from './tls-files.js';
import { newRootSeed } from '../util/seed.js';
import { eventually } from '../util/wait.js';
import { EngineHandle } from './engine-handle.js';
import { StartupClock, type StartupTimings } from './startup-timings.js';

/** The run folder's record of where the start's time went (startup-timings.ts). */
export const STARTUP_FILE = 'startup.json';

export interface DeploymentOptions {
  /** Root seed of the run; printed on every failure. Default: a new one. */
  seed?: number;
  /** Where runs, logs and process lists go. Default: <project>/.wanlab */
  stateDir?: string;
  startTimeoutMs?: number;
  /** Injected for tests; default: WANLAB_RUNTIME, else topology.runtime (runtime-choice.ts). */
  runtime?: RuntimeFactory;
  /** Default: WANLAB_ENGINE, else topology's engine, else wanlab (engine-choice.ts). */
  engine?: EngineDriver;
  /** Run folders of `<stateDir>/runs` kept, this one included; default WANLAB_KEEP_RUNS, else 20. */
  keepRuns?: number;
}

export type MemberHandle = EngineHandle<MemberClient>;
export type LocatorHandle = EngineHandle<LocatorClient>;

const DEFAULT_START_TIMEOUT_MS = 20000;

/**
 * The engine-neutral plan a driver gets from a topology, with the deployment's control token
 * and, when the topology authenticates its links, a secret for every site that has none.
 */
export function sitePlanOf(
  topology: Topology,
  controlToken: string,
  newSecret: () => string = newSiteSecret,
): SitePlan {
  return {
    name: topology.name,
    timings: topology.engine,
    sites: topology.authentication
      ? topology.sites.map((site) => ({ ...site, secret: site.secret ?? newSecret() }))
      : topology.sites,
    links: topology.links,
    controlToken,
  };
}

/**
 * A running topology: its engine processes (as its engine driver prepared them), its links,
 * and the run folder with their files and logs.
 */
export class Deployment {
  readonly topology: Topology;
  readonly plan: SitePlan;
  readonly layout: DeploymentLayout;
  readonly driver: EngineDriver;
  readonly links: LinkController;
  readonly runDir: string;
  readonly seed: number;
  readonly #runtime: Runtime;
  readonly #toxiproxy: ToxiproxyEndpoint;
  readonly #locators: LocatorHandle[];
  readonly #members: MemberHandle[];
  readonly #startTimeoutMs: number;
  #stopped = false;
  #startup: StartupTimings | undefined;

  private constructor(parts: {
    topology: Topology;
    plan: SitePlan;
    driver: EngineDriver;
    layout: DeploymentLayout;
    processes: PreparedProcess[];
    runDir: string;
    seed: number;
    runtime: Runtime;
    harnessHost: string;
    toxiproxy: ToxiproxyEndpoint;
    links: LinkController;
    startTimeoutMs: number;
  }) {
    this.topology = parts.topology;
    this.plan = parts.plan;
    this.driver = parts.driver;
    this.layout = parts.layout;
    this.runDir = parts.runDir;
    this.seed = parts.seed;
    this.#runtime = parts.runtime;
    this.#toxiproxy = parts.toxiproxy;
    this.links = parts.links;
    this.#startTimeoutMs = parts.startTimeoutMs;
    // The engines bind their own host; the harness dials the runtime's (design.md §7).
    const reach = (p: PreparedProcess): string => `http://${parts.harnessHost}:${p.control.port}`;
    this.#locators = parts.processes
      .filter((p) => p.launch.role === 'locator')
      .map((p) => EngineHandle.locator(p.launch, p.siteId, reach(p), this.plan.controlToken));
    this.#members = parts.processes
      .filter((p) => p.launch.role === 'member')
      .map((p) => EngineHandle.member(p.launch, p.siteId, reach(p), this.plan.controlToken));
  }

  static async start(topology: Topology, options: DeploymentOptions = {}): Promise<Deployment> {
    const clock = new StartupClock();
    const driver = options.engine ?? engineFor(topology);
    const stateDir = options.stateDir ?? join(projectRoot(), '.wanlab');
    ProcessRegistry.reapOrphans(stateDir);
    const seed = options.seed ?? newRootSeed();
    const runDir = join(
      stateDir,
      'runs',
      `${new Date().toISOString().replace(/[:.]/g, '-')}-${topology.name}-${process.pid}`,
    );
    // Opened first: without Docker (or with images to build) nothing is written or started yet.
    const runtime = (options.runtime ?? runtimeFactory(runtimeKindFor(topology)))(stateDir, runDir);
    const { harnessHost } = await clock.phase('runtime-open', () => runtime.open());
    mkdirSync(runDir, { recursive: true });
    const plan = await clock.phase('plan-and-ports', () =>
      Promise.resolve()
        .then(() => withTlsFiles(sitePlanOf(topology, newControlToken()), topology.tls, runDir))
        .catch(async (error: unknown) => {
          await runtime.close();
          throw error;
        }),
    );
    const pool = new PortPool(
      await clock.phase('plan-and-ports', () => freePorts(1 + driver.portCount(plan))),
    );
    const toxiproxyApiPort = pool.next();
    const layout = driver.layout(plan, pool);
    pruneRunFolder(join(stateDir, 'runs'), {
      keep: options.keepRuns ?? keepRunsFrom(undefined),
      except: runDir,
    });
    const processes = driver.prepare(plan, layout, runDir, seed);
    writeFileSync(join(runDir, 'seed'), `${seed}\n`);
    // For a person using `wanlab up`'s deployment from another shell; readable by its owner only.
    writeFileSync(join(runDir, CONTROL_TOKEN_FILE), `${plan.controlToken}\n`, { mode: 0o600 });
    const toxiproxy = await clock.phase('toxiproxy-start', () =>
      runtime.startToxiproxy(toxiproxyApiPort, runDir).catch(async (error: unknown) => {
        await runtime.close();
        throw error;
      }),
    );
    const links = new LinkController(toxiproxy.apiUrl, layout.proxies);
    const deployment = new Deployment({
      topology,
      plan,
      driver,
      layout,
      processes,
      runDir,
      seed,
      runtime,
      harnessHost,
      toxiproxy,
      links,
      startTimeoutMs: Math.max(
        options.startTimeoutMs ?? DEFAULT_START_TIMEOUT_MS,
        driver.minStartTimeoutMs ?? 0,
      ),
    });
    try {
      await deployment.#bringUp(clock);
    } catch (error) {
      await deployment.stop();
      throw error;
    }
    deployment.#startup = clock.finish(
      [...deployment.#locators, ...deployment.#members].flatMap((h) =>
        h.lastStart ? [h.lastStart] : [],
      ),
    );
    writeFileSync(join(runDir, STARTUP_FILE), `${JSON.stringify(deployment.#startup, null, 2)}\n`);
    return deployment;
  }

  /** Where the start's time went; set once the deployment is up. */
  get startup(): StartupTimings | undefined {
    return this.#startup;
  }

  get runtimeKind(): RuntimeKind {
    return this.#runtime.kind;
  }

  get engineName(): string {
    return this.driver.name;
  }

  get capabilities(): ReadonlySet<Capability> {
    return this.driver.capabilities;
  }

  has(capability: Capability): boolean {
    return this.driver.capabilities.has(capability);
  }

  locators(): LocatorHandle[] {
    return [...this.#locators];
  }

  members(siteName?: string): MemberHandle[] {
    return this.#members.filter((m) => siteName === undefined || m.spec.siteName === siteName);
  }

  member(name: string): MemberHandle {
    const member = this.#members.find((m) => m.name === name);
    if (member) return member;
    throw new HarnessError(
      'WANLAB_UNKNOWN_TARGET',
      `no member "${name}" in topology ${this.topology.name}`,
      `members: ${this.#members.map((m) => m.name).join(', ')}`,
    );
  }

  locator(name: string): LocatorHandle {
    const locator = this.#locators.find((l) => l.name === name);
    if (locator) return locator;
    throw new HarnessError(
      'WANLAB_UNKNOWN_TARGET',
      `no locator "${name}" in topology ${this.topology.name}`,
      `locators: ${this.#locators.map((l) => l.name).join(', ')}`,
    );
  }

  /** A site by name or by distributed-system-id. */
  site(ref: string | number): SiteModel {
    const site = this.topology.sites.find((s) => s.name === ref || s.id === Number(ref));
    if (site) return site;
    throw new HarnessError(
      'WANLAB_UNKNOWN_TARGET',
      `no site "${ref}" in topology ${this.topology.name}`,
      `sites: ${this.topology.sites.map((s) => `${s.name} (${s.id})`).join(', ')}`,
    );
  }

  /** The link carrying traffic initiated at `from` towards `to`. */
  linkName(from: string | number, to: string | number): string {
    return `${this.site(from).name}->${this.site(to).name}`;
  }

  /** Whether the member hosts a gateway receiver. */
  hasReceiver(name: string): boolean {
    return this.layout.members.find((m) => m.name === name)?.receiver !== undefined;
  }

  /** Starts a stopped or killed member again, same files and data directory. */
  async startMember(name: string): Promise<void> {
    const member = this.member(name);
    const held = this.driver.holdReceiverProxiesWhileStarting ? this.#receiverProxies(name) : [];
    await this.links.hold(held);
    try {
      await member.start(this.#runtime, this.#startTimeoutMs);
    } finally {
      await this.links.release(held);
    }
    // Only this member: a chaos nemesis may be killing another one at this very moment.
    await this.syncReceiverUpstreams([name]);
  }

  /**
   * Runs `start`, which starts the member's gateway receiver through its control API, with the
   * receiver's proxies held down when the engine asks it (a Geode receiver refuses a port a
   * proxy listens on), then points them at the port the receiver took.
   */
  async startReceiver<T>(name: string, start: () => Promise<T>): Promise<T> {
    const held = this.driver.holdReceiverProxiesWhileStarting ? this.#receiverProxies(name) : [];
    await this.links.hold(held);
    try {
      return await start();
    } finally {
      await this.links.release(held);
      await this.syncReceiverUpstreams([name]);
    }
  }

  /**
   * Starts a stopped member once with a changed definition (to show how the site treats a
   * member that does not match it); the planned one is written back afterwards.
   */
  async startMemberWith(
    name: string,
    change: (member: PlannedMember) => PlannedMember,
  ): Promise<void> {
    await this.startMemberWithPlan(name, (plan) => ({
      ...plan,
      sites: plan.sites.map((site) => ({
        ...site,
        members: site.members.map((m) => (m.name === name ? change(m) : m)),
      })),
    }));
  }

  /**
   * Starts a stopped member once with its files written from a changed plan (a receiving
   * site that holds a wrong secret for a sending site, issue 17); the planned files are
   * written back afterwards, so its next start is the planned one.
   */
  async startMemberWithPlan(name: string, change: (plan: SitePlan) => SitePlan): Promise<void> {
    this.member(name);
    this.driver.rewriteMember(change(this.plan), this.layout, this.runDir, this.seed, name);
    try {
      await this.startMember(name);
    } finally {
      this.driver.rewriteMember(this.plan, this.layout, this.runDir, this.seed, name);
    }
  }

  async startLocator(name: string): Promise<void> {
    await this.locator(name).start(this.#runtime, this.#startTimeoutMs);
  }

  /**
   * Points each receiver proxy at the port its receiver really listens on: a receiver with a
   * port range picks its port at start, and may pick another after a restart. Only the
   * members named, when names are given.
   */
  async syncReceiverUpstreams(only?: readonly string[]): Promise<void> {
    for (const member of this.#members) {
      if (only && !only.includes(member.name)) continue;
      if (member.state !== 'running' || !this.hasReceiver(member.name)) continue;
      const receiver = await member.client.receiver().catch((error: unknown) => {
        // A member launched but not answering yet (another fault restarts it at the same
        // time): its own start syncs its proxies once it answers.
        if (error instanceof ControlApiError) throw error;
        return undefined;
      });
      if (receiver?.port === undefined) continue;
      for (const name of this.#receiverProxies(member.name)) {
        await this.links.setUpstream(name, `${receiver.bindAddress}:${receiver.port}`);
      }
    }
  }

  async stop(): Promise<void> {
    if (this.#stopped) return;
    this.#stopped = true;
    await this.#runtime.close();
    await this.#toxiproxy.stop().catch(() => undefined);
  }

  #receiverProxies(member: string): string[] {
    return this.layout.proxies
      .filter((p) => p.kind === 'receiver' && p.target === member)
      .map((p) => p.name);
  }

  async #bringUp(clock: StartupClock): Promise<void> {
    await clock.phase('toxiproxy-ready', () => this.links.waitReady(this.#startTimeoutMs));
    const held = this.driver.holdReceiverProxiesWhileStarting
      ? this.#members.flatMap((m) => this.#receiverProxies(m.name))
      : [];
    await clock.phase('proxies', async () => {
      await this.links.hold(held);
      await this.links.create(
        new Map(
          this.layout.proxies.flatMap((p) =>
            p.upstream ? [[p.name, addressText(p.upstream)]] : [],
          ),
        ),
      );
    });
    await clock.phase('processes', () =>
      Promise.all(
        [...this.#locators, ...this.#members].map((handle) =>
          handle.start(this.#runtime, this.#startTimeoutMs),
        ),
      ),
    );
    await clock.phase('late-proxies', async () => {
      await this.#createLateProxies();
      await this.links.release(held);
    });
    if (this.has('locator-view')) await clock.phase('discovery', () => this.#awaitDiscovery());
  }

  /**
   * "Up" means usable: every locator of a site with senders knows a running receiver of each
   * remote site it sends to (when that site starts one), so a scenario's first fault does not
   * race the first locator exchange.
   */
  async #awaitDiscovery(): Promise<void> {
    const wanted = this.topology.sites.flatMap((site) =>
      [...new Set(site.senders.map((s) => s.remoteDistributedSystemId))]
        .filter((dsid) => this.#startsReceivers(dsid))
        .flatMap((dsid) =>
          this.#locators.filter((l) => l.siteId === site.id).map((locator) => ({ locator, dsid })),
        ),
    );
    await Promise.all(
      wanted.map(({ locator, dsid }) =>
        eventually(
          () => locator.client.view(),
          (view) => view.receivers.some((r) => r.dsid === dsid && r.status === 'up'),
          {
            timeoutMs: this.#startTimeoutMs,
            pollMs: 25,
            description: `locator ${locator.name} to discover the receivers of site ${dsid}`,
          },
        ),
      ),
    );
  }

  #startsReceivers(dsid: number): boolean {
    const site = this.topology.sites.find((s) => s.id === dsid);
    return (
      site !== undefined && !site.receiver.manualStart && site.members.some((m) => m.hasReceiver)
    );
  }

  /** Receivers that pick a port from a range get their proxies once the port is known. */
  async #createLateProxies(): Promise<void> {
    const late = new Map<string, string>();
    for (const plan of this.layout.proxies.filter((p) => p.kind === 'receiver' && !p.upstream)) {
      const receiver = await this.member(plan.target).client.receiver();
      // A manual-start receiver has no port yet; dial a closed port until it starts.
      late.set(plan.name, `${receiver.bindAddress}:${receiver.port ?? 1}`);
    }
    if (late.size > 0) await this.links.create(late);
  }

  proxyFor(linkName: string, kind: 'locator' | 'receiver', target: string): string {
    return proxyName(linkName, kind, target);
  }
}
