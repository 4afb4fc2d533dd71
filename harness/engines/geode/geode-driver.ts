import type { Capability, DeploymentLayout, SitePlan } from '../../../contract/index.js';
import type { EngineDriver, PreparedProcess } from '../engine-driver.js';
import { geodeErrorLines } from './error-log.js';
import { assertGeodeTools, geodeCommand } from './launch.js';
import { geodeLayout, geodePortCount } from './layout.js';
import { GEODE_VERSION, geodeFiles, locatorFile, memberFile, writeJson } from './process-file.js';
import { siteAndRoleOf } from '../plan-process.js';

/**
 * What the Geode member program honestly provides (docs/architecture.md, "The Geode driver",
 * says why each other capability is missing).
 */
const GEODE_CAPABILITIES: ReadonlySet<Capability> = new Set<Capability>([
  'applied-log',
  'bucket-status',
  'transactions',
  'event-filters',
]);

const has = (capability: Capability): boolean => GEODE_CAPABILITIES.has(capability);

function prepareOne(
  plan: SitePlan,
  layout: DeploymentLayout,
  runDir: string,
  name: string,
): PreparedProcess {
  const { site, role } = siteAndRoleOf(plan, name);
  const files = geodeFiles(runDir, name);
  writeJson(
    files.configPath,
    role === 'locator'
      ? locatorFile(plan, layout, site, name, files, has)
      : memberFile(plan, layout, site, name, files, has),
  );
  const control = (role === 'locator' ? layout.locators : layout.members).find(
    (p) => p.name === name,
  )!.control;
  return {
    launch: {
      name,
      role,
      siteName: site.name,
      inputs: [files.configPath],
      logFile: files.logFile,
      consoleFile: files.consoleFile,
      dataDir: files.workDir,
      command: geodeCommand(files.configPath, files.workDir),
    },
    siteId: site.id,
    control,
  };
}

/** Apache Geode 1.15.1, run by the wanlab Geode member program (geode/, tools/geode/). */
export const geodeDriver: EngineDriver = {
  name: 'geode',
  version: GEODE_VERSION,
  capabilities: GEODE_CAPABILITIES,
  holdReceiverProxiesWhileStarting: true,
  /** A site's JVMs joining on a busy 2-core machine took 35 s here; the first alone takes ~5 s. */
  minStartTimeoutMs: 180_000,
  portCount: geodePortCount,
  layout: geodeLayout,
  prepare(plan, layout, runDir) {
    assertGeodeTools();
    const names = plan.sites.flatMap((site) => [
      ...site.locators,
      ...site.members.map((m) => m.name),
    ]);
    return names.map((name) => prepareOne(plan, layout, runDir, name));
  },
  rewriteMember(plan, layout, runDir, _seed, member) {
    prepareOne(plan, layout, runDir, member);
  },
  errorLogLines: geodeErrorLines,
};
