import { join } from 'node:path';
import type { Deployment } from './deployment.js';
import type { StartupTimings } from './startup-timings.js';

/** The run folder's file with the control API's bearer token (written by Deployment.start). */
export const CONTROL_TOKEN_FILE = 'control-token';

/** Where `wanlab up` records its deployment in the run folder (`wanlab status` reads it). */
export const DEPLOYMENT_FILE = 'deployment.json';

/** One locator or member of a running deployment, as `up --json` and `status` know it. */
export interface ProcessInfo {
  site: string;
  siteId: number;
  role: 'locator' | 'member';
  name: string;
  controlUrl: string;
}

/** One Toxiproxy proxy of a site-to-site link. */
export interface ProxyInfo {
  link: string;
  name: string;
  listen: string;
  upstream: string;
  enabled: boolean;
}

/** What `wanlab up --json` prints and `wanlab up` records in its run folder (deployment.json). */
export interface DeploymentInfo {
  topology: string;
  topologyFile: string;
  engine: { name: string; version: string };
  runtime: string;
  seed: number;
  /** The `wanlab up` process: the deployment lives as long as it does. */
  pid: number;
  runDir: string;
  /** From the command's start (its own module loading not included) until up. */
  startedInMs: number;
  /** Where the deployment's start spent its time (also in the run folder's startup.json). */
  startup?: StartupTimings;
  processes: ProcessInfo[];
  proxies: ProxyInfo[];
  toxiproxyApi: string;
  /** The topology's located warnings (e.g. a region sent to a site that does not define it). */
  warnings: string[];
  /**
   * The file (mode 0600) holding the control API's bearer token: every route but /health
   * needs it. The token itself stays out of this file, which anyone may read.
   */
  controlTokenFile: string;
  /** How the links are secured (topology `security`). */
  security: { authentication: boolean; tls: boolean };
}

export async function deploymentInfo(
  deployment: Deployment,
  startedInMs: number,
): Promise<DeploymentInfo> {
  const processes: ProcessInfo[] = [
    ...deployment.locators().map((l) => ({ handle: l, role: 'locator' as const })),
    ...deployment.members().map((m) => ({ handle: m, role: 'member' as const })),
  ].map(({ handle, role }) => ({
    site: handle.spec.siteName,
    siteId: handle.siteId,
    role,
    name: handle.name,
    controlUrl: handle.controlUrl,
  }));
  const proxies = (await deployment.links.states()).map((p) => ({
    link: p.link,
    name: p.name,
    listen: p.listen,
    upstream: p.upstream,
    enabled: p.enabled,
  }));
  return {
    topology: deployment.topology.name,
    topologyFile: deployment.topology.source,
    engine: { name: deployment.driver.name, version: deployment.driver.version },
    runtime: deployment.runtimeKind,
    seed: deployment.seed,
    pid: process.pid,
    runDir: deployment.runDir,
    startedInMs,
    ...(deployment.startup ? { startup: deployment.startup } : {}),
    processes,
    proxies,
    toxiproxyApi: deployment.links.apiUrl,
    warnings: [...(deployment.topology.warnings ?? [])],
    controlTokenFile: join(deployment.runDir, CONTROL_TOKEN_FILE),
    security: {
      authentication: deployment.topology.authentication,
      tls: deployment.topology.tls,
    },
  };
}
