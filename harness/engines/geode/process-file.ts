import { mkdirSync, writeFileSync } from 'node:fs';
import { dirname, join } from 'node:path';
import {
  CONTROL_API_VERSION,
  openApiDocument,
  routesFor,
  type Capability,
  type ControlRole,
  type DeploymentLayout,
  type EngineTimings,
  type PlannedSite,
  type SitePlan,
} from '../../../contract/index.js';
import { HOST } from './layout.js';

export const GEODE_VERSION = '1.15.1';
export const GEODE_ENGINE = { name: 'geode', version: GEODE_VERSION };

/** Where one Geode process keeps its file, its logs and its working folder. */
export interface GeodeFiles {
  configPath: string;
  logFile: string;
  consoleFile: string;
  /** The JVM's working folder (Geode's disk store lock lives there): one per process. */
  workDir: string;
}

export function geodeFiles(runDir: string, name: string): GeodeFiles {
  return {
    configPath: join(runDir, 'config', `${name}.geode.json`),
    logFile: join(runDir, 'logs', `${name}.log`),
    consoleFile: join(runDir, 'logs', `${name}.console.log`),
    workDir: join(runDir, 'data', name),
  };
}

const LOG_LEVELS: Record<EngineTimings['logLevel'], string> = {
  trace: 'finest',
  debug: 'fine',
  info: 'info',
  warn: 'warning',
  error: 'error',
};

/** The routes of the role the program serves, with the contract's schemas as plain JSON. */
function routeSpecs(role: ControlRole, has: (c: Capability) => boolean): unknown {
  const routes = routesFor(role).filter((r) => r.capability === undefined || has(r.capability));
  return JSON.parse(
    JSON.stringify(routes.map(({ summary: _s, response: _r, errors: _e, ...rest }) => rest)),
  );
}

function common(
  plan: SitePlan,
  layout: DeploymentLayout,
  site: PlannedSite,
  name: string,
  files: GeodeFiles,
  role: ControlRole,
  has: (c: Capability) => boolean,
): Record<string, unknown> {
  const control = (role === 'locator' ? layout.locators : layout.members).find(
    (p) => p.name === name,
  )!.control;
  return {
    role,
    name,
    site: { name: site.name, id: site.id },
    engine: GEODE_ENGINE,
    controlApiVersion: CONTROL_API_VERSION,
    workDir: files.workDir,
    logFile: files.logFile,
    logLevel: LOG_LEVELS[plan.timings.logLevel],
    bindHost: HOST,
    control: { ...control, token: plan.controlToken },
    siteLocators: layout.locators
      .filter((l) => l.siteName === site.name)
      .map((l) => `${l.locator.host}[${l.locator.port}]`),
    memberTimeoutMs: plan.timings.memberTimeoutMs,
    openapi: openApiDocument(
      role,
      GEODE_ENGINE,
      (r) => r.capability === undefined || has(r.capability),
    ),
    routes: routeSpecs(role, has),
  };
}

/** A locator's file: its port and `remote-locators`, the locator proxies of its site's links. */
export function locatorFile(
  plan: SitePlan,
  layout: DeploymentLayout,
  site: PlannedSite,
  name: string,
  files: GeodeFiles,
  has: (c: Capability) => boolean,
): Record<string, unknown> {
  return {
    ...common(plan, layout, site, name, files, 'locator', has),
    locatorPort: layout.locators.find((l) => l.name === name)!.locator.port,
    remoteLocators: layout.proxies
      .filter((p) => p.kind === 'locator' && p.fromSiteId === site.id)
      .map((p) => `${p.listen.host}[${p.listen.port}]`),
  };
}

/** A member's file: its regions, senders and receiver (advertising its link proxy's host). */
export function memberFile(
  plan: SitePlan,
  layout: DeploymentLayout,
  site: PlannedSite,
  name: string,
  files: GeodeFiles,
  has: (c: Capability) => boolean,
): Record<string, unknown> {
  const member = site.members.find((m) => m.name === name)!;
  const receiver = layout.members.find((m) => m.name === name)!.receiver;
  const senders = new Set(
    plan.sites
      .filter((s) => s.senders.some((x) => x.remoteDistributedSystemId === site.id))
      .map((s) => s.id),
  );
  const advertised = layout.proxies.find(
    (p) => p.kind === 'receiver' && p.target === name && senders.has(p.fromSiteId),
  );
  return {
    ...common(plan, layout, site, name, files, 'member', has),
    regions: site.regions,
    /** Geode creates a partitioned region's buckets once all of them host it (Buckets.java). */
    siteMembers: site.members.map((m) => m.name),
    senders: member.senders,
    receiver: receiver
      ? {
          startPort: receiver.startPort,
          endPort: receiver.endPort,
          bindAddress: receiver.host,
          hostnameForSenders: advertised?.listen.host ?? null,
          manualStart: site.receiver.manualStart,
          maximumTimeBetweenPingsMs: site.receiver.maximumTimeBetweenPingsMs,
        }
      : null,
  };
}

export function writeJson(path: string, value: unknown): void {
  mkdirSync(dirname(path), { recursive: true });
  writeFileSync(path, `${JSON.stringify(value, null, 2)}\n`);
}
