/**
 * What a scenario's deployment was, attached to the scenario (cucumber attachment) by the
 * topology step and read back by the reports: which engine answered (from the members'
 * GET /health, never from the harness's own knowledge), and how the deployment was obtained.
 */
export const DEPLOYMENT_ATTACHMENT = 'wanlab-deployment.json';

export interface EngineIdentity {
  name: string;
  version: string;
}

/** The engine driver that ran a deployment: its name, its version and what it can do. */
export interface DriverIdentity {
  name: string;
  version: string;
  capabilities: string[];
}

export interface DeploymentEvidence {
  topology: string;
  runtime: string;
  /** Absent in evidence written before drivers existed. */
  driver?: DriverIdentity;
  /** True when a running deployment was reset and reused; false when it was started. */
  reused: boolean;
  /** How long starting or resetting it took. */
  acquireMs: number;
  engines: Array<EngineIdentity & { member: string }>;
  runDir: string;
}

/** Each distinct driver, in order of first appearance. */
export function distinctDrivers(evidence: readonly DeploymentEvidence[]): DriverIdentity[] {
  const seen = new Map<string, DriverIdentity>();
  for (const { driver } of evidence) {
    if (driver) seen.set(`${driver.name}\u0000${driver.version}`, driver);
  }
  return [...seen.values()];
}

/** Each distinct engine name and version, in order of first appearance. */
export function distinctEngines(evidence: readonly DeploymentEvidence[]): EngineIdentity[] {
  const seen = new Map<string, EngineIdentity>();
  for (const { engines } of evidence) {
    for (const { name, version } of engines) seen.set(`${name}\u0000${version}`, { name, version });
  }
  return [...seen.values()];
}

export interface PoolSummary {
  started: number;
  startMs: number;
  reused: number;
  resetMs: number;
}

export function poolSummary(evidence: readonly DeploymentEvidence[]): PoolSummary {
  const sum = (items: readonly DeploymentEvidence[]): number =>
    items.reduce((total, e) => total + e.acquireMs, 0);
  const started = evidence.filter((e) => !e.reused);
  const reused = evidence.filter((e) => e.reused);
  return {
    started: started.length,
    startMs: sum(started),
    reused: reused.length,
    resetMs: sum(reused),
  };
}

export function poolSummaryLine(summary: PoolSummary): string {
  const average = (ms: number, n: number): string => (n === 0 ? '-' : `${Math.round(ms / n)} ms`);
  return `deployments: ${summary.started} started (average ${average(summary.startMs, summary.started)}), ${summary.reused} reused (average reset ${average(summary.resetMs, summary.reused)})`;
}
