import { SystemClock } from '../clock.js';
import { loadRegionResolvers } from '../conflict/load-resolver.js';
import { loadSenderFilters } from '../gateway/filter/load-event-filters.js';
import { loadConfigFile } from '../config/load-config.js';
import { MemberConfigSchema, type MemberConfig } from '../config/member-config.js';
import { memberIssues } from '../config/member-rules.js';
import { createControlServer } from '../control/http-server.js';
import { memberRoutes } from '../control/member-routes.js';
import { serveOpenApi } from '../control/openapi.js';
import { EngineError } from '../errors.js';
import { createLogger } from '../log.js';
import { runProcess, type Running } from '../process/run-process.js';
import { seededRandom } from '../random.js';
import { Member } from './member.js';

/** Since the process began: node's own start and the loading of the engine's modules. */
const modulesLoadedMs = performance.now();

function checkRules(config: MemberConfig, path: string): void {
  const issues = memberIssues(config);
  if (issues.length === 0) return;
  throw new EngineError(
    'WAN_ERR_CONFIG_INVALID',
    `invalid configuration in ${path}:\n  ${issues.map((i) => `${i.path}: ${i.message} (${i.hint})`).join('\n  ')}`,
    'fix the fields named above',
  );
}

/** Milliseconds since `fromMs`, to a tenth. */
function since(fromMs: number): number {
  return Math.round((performance.now() - fromMs) * 10) / 10;
}

async function startMember(configPath: string): Promise<Running> {
  const mainMs = performance.now();
  const config = loadConfigFile(MemberConfigSchema, configPath);
  checkRules(config, configPath);
  const startedAtMs = Date.now();
  const logger = createLogger({
    file: config.log.file,
    level: config.log.level,
    name: config.name,
    site: config.site.name,
  });
  const configMs = since(mainMs);
  const pluginsFromMs = performance.now();
  const resolvers = await loadRegionResolvers(config.regions);
  const eventFilters = await loadSenderFilters(config.senders);
  const pluginsMs = since(pluginsFromMs);
  const clock = new SystemClock(config.clockOffsetMs);
  const seed = config.randomSeed ?? Math.floor(Math.random() * 2 ** 32);
  const app = createControlServer(logger, { token: config.control.token });
  let controlUrl = '';
  const member = new Member(config, {
    clock,
    logger,
    random: seededRandom(seed),
    controlUrl: () => controlUrl,
    resolvers,
    eventFilters,
  });
  serveOpenApi(app, 'member');
  memberRoutes(app, member, startedAtMs);
  const listenFromMs = performance.now();
  const address = await app.listen({ host: config.control.host, port: config.control.port });
  controlUrl = address;
  const listenMs = since(listenFromMs);
  const joinFromMs = performance.now();
  await member.start();
  // Where a start's time goes (issue 19); `npm run bench -- startup` reads this line.
  const startup = {
    modulesMs: Math.round(modulesLoadedMs),
    configMs,
    pluginsMs,
    controlListenMs: listenMs,
    memberStartMs: since(joinFromMs),
    totalMs: Math.round(performance.now()),
  };
  logger.info({ controlUrl, seed, dsid: member.dsid, uid: member.uid, startup }, 'member started');
  return {
    stop: async () => {
      await member.stop();
      await app.close();
      logger.info('member stopped');
    },
  };
}

void runProcess('wanlab-member', startMember);
