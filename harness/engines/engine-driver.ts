import type {
  Address,
  Capability,
  DeploymentLayout,
  SenderConfig,
  SitePlan,
} from '../../contract/index.js';
import type { LaunchSpec } from '../runtime/runtime.js';

/** Ports a driver may take for a deployment; all free when handed out. */
export interface PortSource {
  next(): number;
}

/** One engine process as the driver prepared it: how to launch it and where it answers. */
export interface PreparedProcess {
  launch: LaunchSpec;
  siteId: number;
  /** Its control API, at the address the engine binds (the runtime may reach it elsewhere). */
  control: Address;
}

export type ProbeOutcome =
  { kind: 'started' } | { kind: 'exited'; code: number | null; output: string };

/** Bad input a gateway receiver must survive (a malformed or oversized frame, no hello). */
export type BadGatewayInput = 'garbage' | 'oversized' | 'batch-before-hello';

/** What a driver's gateway wire protocol looks like on the wire (capability raw-gateway-input). */
export interface GatewayWire {
  /** The bytes of one bad input of `kind`. */
  badInput(kind: BadGatewayInput): Buffer;
  /** The bytes of one batch frame carrying these events (benchmarks: wire bytes per event). */
  batchFrame(events: readonly unknown[]): Buffer;
}

/** Bad input a locator's port or a member's peer port must survive (issue 17's reproductions). */
export type BadClusterInput = 'unknown-request' | 'nil';

/**
 * A forged locator exchange (issue 17): it claims to come from a locator of site `claimDsid`
 * and says the receiver of member `receiver` of site `recordDsid` is at `address`. Proved with
 * `secret` (site `claimDsid`'s own) when given, as a site that turned hostile could.
 */
export interface ForgedExchange {
  claimDsid: number;
  recordDsid: number;
  receiver: string;
  address: string;
  secret?: string;
}

/** What a driver's locator and peer frames look like on the wire (capability raw-cluster-input). */
export interface ClusterWire {
  /** The bytes of one bad frame of `kind`, for a locator's port or a member's peer port. */
  badInput(kind: BadClusterInput): Buffer;
  /** The bytes of one forged exchange for a locator's port (capability site-authentication). */
  forgedExchange(forgery: ForgedExchange): Buffer;
}

/**
 * How the harness runs one engine. The harness hands a driver the engine-neutral site plan
 * (contract/site-plan.ts); the driver decides every address, writes its engine's files,
 * and says how to launch each process. Starting, stopping, killing, freezing and
 * restarting a process is the runtime's (harness/runtime/), the same for every engine;
 * everything else the harness does goes through the control API (contract/control-api/).
 * Nothing outside a driver's folder knows its engine's files.
 */
export interface EngineDriver {
  /** The name topologies, --engine and WANLAB_ENGINE use. */
  readonly name: string;
  /** The version of the engine it launches, as far as the driver knows before launching. */
  readonly version: string;
  /** What this engine has (contract/capabilities.ts); scenarios needing more are n/a. */
  readonly capabilities: ReadonlySet<Capability>;
  /**
   * Whether a member's receiver proxies must stay disabled while the member starts or
   * restarts: a Geode receiver refuses a port that any address already listens on, and its
   * proxies listen on the receiver's own port. The harness enables them (unless their link
   * is cut) once the member answers /health.
   */
  readonly holdReceiverProxiesWhileStarting: boolean;
  /**
   * The least time one of its processes may take to answer /health, when the engine starts
   * slower than a deployment's own start timeout allows (a JVM joining its site on a busy
   * machine); absent: the deployment's timeout alone.
   */
  readonly minStartTimeoutMs?: number;

  /** How many ports `layout` takes from the pool for this plan. */
  portCount(plan: SitePlan): number;
  /**
   * Every address of a deployment: each locator's and member's ports (locator, control,
   * receiver range) and where each link's proxy listens (and forwards to, when known).
   */
  layout(plan: SitePlan, ports: PortSource): DeploymentLayout;
  /**
   * Writes the engine's files for the whole deployment under `runDir` (configuration,
   * modules it loads) and says how to launch each locator and member.
   */
  prepare(
    plan: SitePlan,
    layout: DeploymentLayout,
    runDir: string,
    seed: number,
  ): PreparedProcess[];
  /**
   * Writes one member's files again from a changed plan (its next start uses them): the
   * harness starts a member once with a sender defined unlike its site's, then restores it.
   */
  rewriteMember(
    plan: SitePlan,
    layout: DeploymentLayout,
    runDir: string,
    seed: number,
    member: string,
  ): void;
  /**
   * Starts one member process alone, outside any deployment, with one sender defined as
   * given, to see whether the engine accepts it (capability config-probe). `dir` holds its
   * files and is removed afterwards.
   */
  probeSender?(
    sender: Partial<SenderConfig> & Record<string, unknown>,
    dir: string,
    timeoutMs: number,
  ): Promise<ProbeOutcome>;
  /** Its gateway wire protocol (capability raw-gateway-input). */
  readonly gatewayWire?: GatewayWire;
  /** Its locator and peer frames (capability raw-cluster-input). */
  readonly clusterWire?: ClusterWire;
  /**
   * The lines its process logged at error level or above, from byte `fromByte` of the log
   * file (a scenario notes the size when it starts).
   */
  errorLogLines(logFile: string, fromByte: number): string[];
  /** Environment that makes its processes write CPU profiles into `dir` (bench --profile). */
  profilingEnv?(dir: string): Record<string, string>;
}
