import { writeFileSync } from 'node:fs';
import { join, relative } from 'node:path';
import { Deployment, STARTUP_FILE } from '../deployment/deployment.js';
import { driverNamed } from '../engines/index.js';
import { runtimeFactory } from '../runtime/runtime-choice.js';
import { loadTopology } from '../topology/load-topology.js';
import {
  DEPLOYMENT_FILE,
  deploymentInfo,
  type DeploymentInfo,
} from '../deployment/deployment-info.js';
import { describeStartup } from '../deployment/startup-timings.js';
import { table } from './output.js';
import { watchForStop } from './stop-signals.js';

export interface UpOptions {
  topologyFile: string;
  runtime?: 'process' | 'container';
  /** --engine, else WANLAB_ENGINE (already checked): beats the topology's `engine`. */
  engine?: string;
  seed?: number;
  /** Print the deployment as one JSON line on stdout (the rest goes to stderr). */
  json?: boolean;
}

/** `wanlab up`: start a topology, print where everything is, stay up until Ctrl-C. */
export async function runUp(options: UpOptions): Promise<number> {
  // Since the process began: node's start and the loading of wanlab's modules (issue 19).
  const loadedMs = Math.round(performance.now());
  const loaded = loadTopology(options.topologyFile);
  const warnings = loudWarnings(loaded.warnings ?? []);
  if (warnings) process.stderr.write(`${warnings}\n`);
  const topology = options.runtime ? { ...loaded, runtime: options.runtime } : loaded;
  // Watched from before the start: a signal while starting stops what was started.
  const stopWatch = watchForStop();
  // With --json, stdout carries the JSON line alone; what people read goes to stderr.
  const say = (text: string): boolean =>
    options.json ? process.stderr.write(text) : process.stdout.write(text);
  try {
    const startedMs = performance.now();
    const deployment = await Deployment.start(topology, {
      ...(options.seed === undefined ? {} : { seed: options.seed }),
      // --runtime beats WANLAB_RUNTIME, which beats the topology's field; so for --engine
      ...(options.runtime ? { runtime: runtimeFactory(options.runtime) } : {}),
      ...(options.engine ? { engine: driverNamed(options.engine, '--engine') } : {}),
    });
    try {
      const info = await deploymentInfo(deployment, Math.round(performance.now() - startedMs));
      writeFileSync(join(info.runDir, DEPLOYMENT_FILE), `${JSON.stringify(info, null, 2)}\n`);
      if (options.json) process.stdout.write(`${JSON.stringify(info)}\n`);
      else process.stdout.write(`${describe(info, deployment.plan.controlToken, loadedMs)}\n`);
      if (warnings && !options.json) process.stdout.write(`\n${warnings}\n`);
      say('Press Ctrl-C to stop (or send SIGTERM or SIGHUP to this process).\n');
      const reason = await stopWatch.reason;
      say(`\nwanlab: stopping (${reason})...\n`);
    } finally {
      await deployment.stop();
    }
  } finally {
    stopWatch.dispose();
  }
  return 0;
}

function describe(info: DeploymentInfo, token: string, loadedMs: number): string {
  const processes = info.processes.map((p) => [
    p.site,
    String(p.siteId),
    p.role,
    p.name,
    p.controlUrl,
  ]);
  const proxies = info.proxies.map((p) => [
    p.link,
    p.name,
    p.listen,
    p.upstream,
    p.enabled ? 'up' : 'down',
  ]);
  return [
    `wanlab: topology ${info.topology} is up in ${info.startedInMs} ms (engine ${info.engine.name} ${info.engine.version}, runtime ${info.runtime}, seed ${info.seed})`,
    `  ${loadedMs} ms to load wanlab${info.startup ? `, then ${describeStartup(info.startup)}` : ''} (${join(relative(process.cwd(), info.runDir), STARTUP_FILE)})`,
    `run folder: ${relative(process.cwd(), info.runDir)}`,
    '',
    table(['SITE', 'ID', 'ROLE', 'NAME', 'CONTROL API'], processes),
    `control token: ${token}`,
    `  every route but /health needs it: curl -H "Authorization: Bearer $(cat ${relative(process.cwd(), info.controlTokenFile)})" <control API>/v1/regions`,
    `links: ${info.security.authentication ? 'site credentials checked' : 'no authentication'}, ${info.security.tls ? `TLS (certificates in ${join(relative(process.cwd(), info.runDir), 'tls')})` : 'plain TCP'}`,
    '',
    table(['LINK', 'PROXY', 'LISTEN', 'UPSTREAM', 'STATE'], proxies),
    `toxiproxy API: ${info.toxiproxyApi}`,
    '',
  ].join('\n');
}

/** Each warning of the topology, impossible to miss among the tables. */
export function loudWarnings(warnings: readonly string[]): string {
  return warnings.map((warning) => `wanlab: WARNING ${warning}`).join('\n');
}
