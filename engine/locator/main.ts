import { SystemClock } from '../clock.js';
import { loadConfigFile } from '../config/load-config.js';
import { LocatorConfigSchema } from '../config/locator-config.js';
import { createControlServer } from '../control/http-server.js';
import { locatorRoutes } from '../control/locator-routes.js';
import { serveOpenApi } from '../control/openapi.js';
import { createLogger } from '../log.js';
import { runProcess, type Running } from '../process/run-process.js';
import { LocatorService } from './locator-service.js';

/** Since the process began: node's own start and the loading of the engine's modules. */
const modulesLoadedMs = performance.now();

async function startLocator(configPath: string): Promise<Running> {
  const config = loadConfigFile(LocatorConfigSchema, configPath);
  const startedAtMs = Date.now();
  const logger = createLogger({
    file: config.log.file,
    level: config.log.level,
    name: config.name,
    site: config.site.name,
  });
  const locator = new LocatorService(config, { clock: new SystemClock(), logger });
  await locator.start();
  const app = createControlServer(logger, { token: config.control.token });
  serveOpenApi(app, 'locator');
  locatorRoutes(app, locator, config, startedAtMs);
  const controlUrl = await app.listen({ host: config.control.host, port: config.control.port });
  const startup = {
    modulesMs: Math.round(modulesLoadedMs),
    totalMs: Math.round(performance.now()),
  };
  logger.info({ controlUrl, address: locator.address, startup }, 'locator ready');
  return {
    stop: async () => {
      await locator.stop();
      await app.close();
    },
  };
}

void runProcess('wanlab-locator', startLocator);
