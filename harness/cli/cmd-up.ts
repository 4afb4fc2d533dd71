import { join, relative } from 'node:path';
import { Deployment } from '../deployment/deployment.js';
import { driverNamed } from '../engines/index.js';
import { runtimeFactory } from '../runtime/runtime-choice.js';
import { loadTopology } from '../topology/load-topology.js';
import { table } from './output.js';
import { watchForStop } from './stop-signals.js';

export interface UpOptions {
  topologyFile: string;
  runtime?: 'process' | 'container';
  /** --engine, else WANLAB_ENGINE (already checked): beats the topology's `engine`. */
  engine?: string;
  seed?: number;
}

/** `wanlab up`: start a topology, print where everything is, stay up until Ctrl-C. */
export async function runUp(options: UpOptions): Promise<number> {
  const loaded = loadTopology(options.topologyFile);
  const warnings = loudWarnings(loaded.warnings ?? []);
  if (warnings) process.stderr.write(`${warnings}\n`);
  const topology = options.runtime ? { ...loaded, runtime: options.runtime } : loaded;
  // Watched from before the start: a signal while starting stops what was started.
  const stopWatch = watchForStop();
  try {
    const startedMs = performance.now();
    const deployment = await Deployment.start(topology, {
      ...(options.seed === undefined ? {} : { seed: options.seed }),
      // --runtime beats WANLAB_RUNTIME, which beats the topology's field; so for --engine
      ...(options.runtime ? { runtime: runtimeFactory(options.runtime) } : {}),
      ...(options.engine ? { engine: driverNamed(options.engine, '--engine') } : {}),
    });
    const elapsedMs = Math.round(performance.now() - startedMs);
    try {
      process.stdout.write(`${await describe(deployment, elapsedMs)}\n`);
      if (warnings) process.stdout.write(`\n${warnings}\n`);
      const reason = await stopWatch.reason;
      process.stdout.write(`\nwanlab: stopping (${reason})...\n`);
    } finally {
      await deployment.stop();
    }
  } finally {
    stopWatch.dispose();
  }
  return 0;
}

async function describe(deployment: Deployment, elapsedMs: number): Promise<string> {
  const processes = [
    ...deployment
      .locators()
      .map((l) => [l.spec.siteName, String(l.siteId), 'locator', l.name, l.controlUrl]),
    ...deployment
      .members()
      .map((m) => [m.spec.siteName, String(m.siteId), 'member', m.name, m.controlUrl]),
  ];
  const proxies = (await deployment.links.states()).map((p) => [
    p.link,
    p.name,
    p.listen,
    p.upstream,
    p.enabled ? 'up' : 'down',
  ]);
  return [
    `wanlab: topology ${deployment.topology.name} is up in ${elapsedMs} ms (engine ${deployment.driver.name} ${deployment.driver.version}, runtime ${deployment.runtimeKind}, seed ${deployment.seed})`,
    `run folder: ${relative(process.cwd(), deployment.runDir)}`,
    '',
    table(['SITE', 'ID', 'ROLE', 'NAME', 'CONTROL API'], processes),
    `control token: ${deployment.plan.controlToken}`,
    `  every route but /health needs it: curl -H "Authorization: Bearer $(cat ${join(relative(process.cwd(), deployment.runDir), 'control-token')})" <control API>/v1/regions`,
    `links: ${deployment.topology.authentication ? 'site credentials checked' : 'no authentication'}, ${deployment.topology.tls ? `TLS (certificates in ${join(relative(process.cwd(), deployment.runDir), 'tls')})` : 'plain TCP'}`,
    '',
    table(['LINK', 'PROXY', 'LISTEN', 'UPSTREAM', 'STATE'], proxies),
    `toxiproxy API: ${deployment.links.apiUrl}`,
    '',
    'Press Ctrl-C to stop (or send SIGTERM or SIGHUP to this process).',
  ].join('\n');
}

/** Each warning of the topology, impossible to miss among the tables. */
export function loudWarnings(warnings: readonly string[]): string {
  return warnings.map((warning) => `wanlab: WARNING ${warning}`).join('\n');
}
