import { copyFileSync, mkdirSync, writeFileSync } from 'node:fs';
import { dirname, join } from 'node:path';
import type { LocatorClient } from '../client/locator-client.js';
import type { MemberClient } from '../client/member-client.js';
import { HarnessError } from '../errors.js';
import { LinkController } from '../links/link-controller.js';
import { proxyName } from '../links/link-plan.js';
import { ProcessRegistry } from '../runtime/process-registry.js';
import { runtimeFactory, runtimeKindFor, type RuntimeFactory } from '../runtime/runtime-choice.js';
import type { Runtime, RuntimeKind, ToxiproxyEndpoint } from '../runtime/runtime.js';
import type { MemberConfig } from '../../engine/config/member-config.js';
import type { SiteModel, Topology } from '../topology/model.js';
import { freePorts } from '../util/ports.js';
import { projectRoot } from '../util/project-root.js';
import { newRootSeed } from '../util/seed.js';
import { eventually } from '../util/wait.js';
import { EngineHandle } from './engine-handle.js';
import { planDeployment, portCount, type DeploymentPlan } from './plan.js';

export interface DeploymentOptions {
  /** Root seed of the run; printed on every failure. Default: a new one. */
  seed?: number;
  /** Where runs, logs and process lists go. Default: <project>/.wanlab */
  stateDir?: string;
  startTimeoutMs?: number;
  /** Injected for tests; default: WANLAB_RUNTIME, else topology.runtime (runtime-choice.ts). */
  runtime?: RuntimeFactory;
}

export type MemberHandle = EngineHandle<MemberClient>;
export type LocatorHandle = EngineHandle<LocatorClient>;

const DEFAULT_START_TIMEOUT_MS = 20000;

/** A running topology: its engine processes, its links, and the run folder with their logs. */
export class Deployment {
  readonly topology: Topology;
  readonly plan: DeploymentPlan;
  readonly links: LinkController;
  readonly #runtime: Runtime;
  readonly #toxiproxy: ToxiproxyEndpoint;
  readonly #locators: LocatorHandle[];
  readonly #members: MemberHandle[];
  readonly #startTimeoutMs: number;
  #stopped = false;

  private constructor(parts: {
    topology: Topology;
    plan: DeploymentPlan;
    runtime: Runtime;
    harnessHost: string;
    toxiproxy: ToxiproxyEndpoint;
    links: LinkController;
    startTimeoutMs: number;
  }) {
    this.topology = parts.topology;
    this.plan = parts.plan;
    this.#runtime = parts.runtime;
    this.#toxiproxy = parts.toxiproxy;
    this.links = parts.links;
    this.#startTimeoutMs = parts.startTimeoutMs;
    const reach = (url: string): string => reachableUrl(url, parts.harnessHost);
    this.#locators = parts.plan.locators.map((p) =>
      EngineHandle.locator(p.launch, p.siteId, reach(p.controlUrl)),
    );
    this.#members = parts.plan.members.map((p) =>
      EngineHandle.member(p.launch, p.siteId, reach(p.controlUrl)),
    );
  }

  static async start(topology: Topology, options: DeploymentOptions = {}): Promise<Deployment> {
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
    const { harnessHost } = await runtime.open();
    const plan = planDeployment(topology, runDir, seed, await freePorts(portCount(topology)));
    writeConfigs(plan);
    const toxiproxy = await runtime
      .startToxiproxy(plan.toxiproxyApiPort, runDir)
      .catch(async (error: unknown) => {
        await runtime.close();
        throw error;
      });
    const links = new LinkController(toxiproxy.apiUrl, plan.proxies);
    const deployment = new Deployment({
      topology,
      plan,
      runtime,
      harnessHost,
      toxiproxy,
      links,
      startTimeoutMs: options.startTimeoutMs ?? DEFAULT_START_TIMEOUT_MS,
    });
    try {
      await deployment.#bringUp();
    } catch (error) {
      await deployment.stop();
      throw error;
    }
    return deployment;
  }

  get runDir(): string {
    return this.plan.runDir;
  }

  get runtimeKind(): RuntimeKind {
    return this.#runtime.kind;
  }

  get seed(): number {
    return this.plan.seed;
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

  /** Starts a stopped or killed member again, same config and data directory. */
  async startMember(name: string): Promise<void> {
    await this.member(name).start(this.#runtime, this.#startTimeoutMs);
    await this.syncReceiverUpstreams();
  }

  /**
   * Starts a stopped member once with a changed configuration (to show how the site treats
   * a member that does not match it); the planned configuration is restored afterwards.
   */
  async startMemberWith(
    name: string,
    change: (config: MemberConfig) => MemberConfig,
  ): Promise<void> {
    const plan = this.plan.members.find((p) => p.launch.name === name);
    if (!plan) {
      throw new HarnessError('WANLAB_UNKNOWN_TARGET', `no member "${name}"`, 'check the name');
    }
    writeFileSync(plan.launch.configPath, `${JSON.stringify(change(plan.config), null, 2)}\n`);
    try {
      await this.startMember(name);
    } finally {
      writeFileSync(plan.launch.configPath, `${JSON.stringify(plan.config, null, 2)}\n`);
    }
  }

  async startLocator(name: string): Promise<void> {
    await this.locator(name).start(this.#runtime, this.#startTimeoutMs);
  }

  /**
   * Points each receiver proxy at the port its receiver really listens on: a receiver with a
   * port range picks its port at start, and may pick another after a restart.
   */
  async syncReceiverUpstreams(): Promise<void> {
    for (const member of this.#members) {
      if (
        member.state !== 'running' ||
        !this.plan.members.find((p) => p.launch.name === member.name)?.config.receiver
      )
        continue;
      const receiver = await member.client.receiver();
      if (receiver.port === undefined) continue;
      for (const plan of this.plan.proxies.filter(
        (p) => p.kind === 'receiver' && p.target === member.name,
      )) {
        await this.links.setUpstream(plan.name, `${receiver.bindAddress}:${receiver.port}`);
      }
    }
  }

  async stop(): Promise<void> {
    if (this.#stopped) return;
    this.#stopped = true;
    await this.#runtime.close();
    await this.#toxiproxy.stop().catch(() => undefined);
  }

  async #bringUp(): Promise<void> {
    await this.links.waitReady(this.#startTimeoutMs);
    await this.links.create(this.#knownUpstreams());
    await Promise.all(
      [...this.#locators, ...this.#members].map((handle) =>
        handle.start(this.#runtime, this.#startTimeoutMs),
      ),
    );
    await this.#createLateProxies();
    await this.#awaitDiscovery();
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

  /** Upstreams known before start: locators, and receivers with a harness-chosen port. */
  #knownUpstreams(): Map<string, string> {
    const upstreams = new Map<string, string>();
    for (const plan of this.plan.proxies) {
      if (plan.kind === 'locator') {
        const locator = this.plan.locators.find((l) => l.launch.name === plan.target)!;
        upstreams.set(plan.name, `${locator.config.bind.host}:${locator.config.bind.port}`);
        continue;
      }
      const receiver = this.plan.members.find((m) => m.launch.name === plan.target)!.config
        .receiver!;
      if (receiver.startPort === receiver.endPort)
        upstreams.set(plan.name, `${receiver.bindAddress}:${receiver.startPort}`);
    }
    return upstreams;
  }

  /** Receivers that picked a port from a range get their proxies once the port is known. */
  async #createLateProxies(): Promise<void> {
    const late = new Map<string, string>();
    for (const plan of this.plan.proxies.filter((p) => p.kind === 'receiver')) {
      const known = this.#knownUpstreams();
      if (known.has(plan.name)) continue;
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

function writeConfigs(plan: DeploymentPlan): void {
  for (const process of [...plan.locators, ...plan.members]) {
    mkdirSync(dirname(process.launch.configPath), { recursive: true });
    writeFileSync(process.launch.configPath, `${JSON.stringify(process.config, null, 2)}\n`);
  }
  for (const file of plan.stagedFiles) {
    mkdirSync(dirname(file.to), { recursive: true });
    copyFileSync(file.from, file.to);
  }
  writeFileSync(join(plan.runDir, 'seed'), `${plan.seed}\n`);
}

/** The plan's URLs name the engines' own bind address; the harness dials the runtime's host. */
function reachableUrl(url: string, harnessHost: string): string {
  const parsed = new URL(url);
  if (parsed.hostname === harnessHost) return url;
  parsed.hostname = harnessHost;
  return `${parsed.protocol}//${parsed.host}`;
}
