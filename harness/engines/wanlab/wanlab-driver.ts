import { CAPABILITY_NAMES, type DeploymentLayout, type SitePlan } from '../../../contract/index.js';
import type { EngineDriver, PreparedProcess } from '../engine-driver.js';
import {
  locatorFile,
  memberFile,
  processFiles,
  stageResolvers,
  writeJson,
} from './config-files.js';
import { pinoErrorLines } from './error-log.js';
import { wanlabClusterWire } from './cluster-wire.js';
import { wanlabGatewayWire } from './gateway-wire.js';
import { wanlabCommand } from './launch.js';
import { wanlabLayout, wanlabPortCount } from './layout.js';
import { probeMember } from './probe-member.js';
import { packageVersion } from '../../util/package-version.js';
import { siteAndRoleOf } from '../plan-process.js';

/** The engine's CPU profiler switch (engine/process/cpu-profile.ts). */
const CPU_PROFILE_ENV = 'WANLAB_CPU_PROFILE_DIR';

function prepareOne(
  plan: SitePlan,
  layout: DeploymentLayout,
  runDir: string,
  seed: number,
  name: string,
): PreparedProcess {
  const { site, role } = siteAndRoleOf(plan, name);
  const files = processFiles(runDir, name);
  const control = (role === 'locator' ? layout.locators : layout.members).find(
    (p) => p.name === name,
  )!.control;
  writeJson(
    files.configPath,
    role === 'locator'
      ? locatorFile(plan, layout, runDir, site, name)
      : memberFile(
          plan,
          layout,
          runDir,
          seed,
          site,
          site.members.find((m) => m.name === name)!,
        ),
  );
  return {
    launch: {
      name,
      role,
      siteName: site.name,
      inputs: [files.configPath],
      logFile: files.logFile,
      consoleFile: files.consoleFile,
      dataDir: files.dataDir,
      command: wanlabCommand(role, files.configPath),
    },
    siteId: site.id,
    control,
  };
}

/** This project's engine (engine/): every capability of the contract. */
export const wanlabDriver: EngineDriver = {
  name: 'wanlab',
  /** The engine is this package's; its members say the same on GET /health. */
  version: packageVersion(),
  capabilities: new Set(CAPABILITY_NAMES),
  holdReceiverProxiesWhileStarting: false,
  portCount: wanlabPortCount,
  layout: wanlabLayout,
  prepare(plan, layout, runDir, seed) {
    stageResolvers(plan, runDir);
    const names = plan.sites.flatMap((site) => [
      ...site.locators,
      ...site.members.map((m) => m.name),
    ]);
    return names.map((name) => prepareOne(plan, layout, runDir, seed, name));
  },
  rewriteMember(plan, layout, runDir, seed, member) {
    prepareOne(plan, layout, runDir, seed, member);
  },
  probeSender: (sender, dir, timeoutMs) => probeMember(sender, dir, timeoutMs),
  gatewayWire: wanlabGatewayWire,
  clusterWire: wanlabClusterWire,
  errorLogLines: pinoErrorLines,
  profilingEnv: (dir) => ({ [CPU_PROFILE_ENV]: dir }),
};
