import { join } from 'node:path';
import { Deployment } from '../../harness/deployment/deployment.js';
import { driverNamed } from '../../harness/engines/index.js';
import { loadTopology } from '../../harness/topology/load-topology.js';
import { projectRoot } from '../../harness/util/project-root.js';
import { spread, type Spread } from '../stats.js';
import { residentMb } from './process-memory.js';

/** One engine's deployment in a side-by-side run, and how long it took to come up. */
export interface Contender {
  engine: string;
  deployment: Deployment;
  upMs: number;
}

/** Starts the topology once per engine, one after the other (both stay up for the run). */
export async function startContenders(
  engines: readonly string[],
  topologyFile: string,
  log: (line: string) => void,
): Promise<Contender[]> {
  const contenders: Contender[] = [];
  try {
    for (const name of engines) {
      const topology = loadTopology(join(projectRoot(), 'topologies', topologyFile));
      const startedMs = performance.now();
      const deployment = await Deployment.start(topology, {
        engine: driverNamed(name, '--engine'),
      });
      const upMs = Math.round(performance.now() - startedMs);
      log(`${name}: ${topology.name} up in ${upMs} ms`);
      contenders.push({ engine: name, deployment, upMs });
    }
  } catch (error) {
    await stopContenders(contenders);
    throw error;
  }
  return contenders;
}

export async function stopContenders(contenders: readonly Contender[]): Promise<void> {
  await Promise.allSettled(contenders.map((c) => c.deployment.stop()));
}

/**
 * Round r measures every contender once, in an order that alternates between rounds, so a
 * machine that slows down (the load of a shared host) does not favour one engine.
 */
export function roundOrder<T>(contenders: readonly T[], round: number): T[] {
  return round % 2 === 0 ? [...contenders] : [...contenders].reverse();
}

/** Resident memory of each member of a deployment, in MiB (processes the harness started). */
export function membersResidentMb(deployment: Deployment): Record<string, number | null> {
  return Object.fromEntries(deployment.members().map((m) => [m.name, residentMb(m.pid) ?? null]));
}

/** The medians of `a` over `b`, per sample pair and overall (a ratio above 1: `a` is faster). */
export function ratioOf(a: Spread, b: Spread): Spread {
  const pairs = a.samples.map((x, i) => x / (b.samples[i] ?? Number.NaN));
  return spread(pairs, 3);
}
