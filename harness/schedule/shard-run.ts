import { existsSync, readFileSync, rmSync, writeFileSync } from 'node:fs';
import { join } from 'node:path';
import { HarnessError } from '../errors.js';
import { sourcePaths } from '../features/dry-run.js';
import type { PlannedScenario } from '../features/preflight.js';
import { locationArgs, scenariosOfShard, shardLabel, type Shard } from './shard.js';

/** Written beside a run's cucumber reports: which share of the suite the run was. */
export const SHARD_FILE = 'shard.json';

export interface ShardRecord {
  shard: Shard;
  /** How many scenarios the share held (0: nothing ran, no cucumber reports). */
  scenarios: number;
  seed: string;
  /** The engine asked for (--engine or WANLAB_ENGINE), if any. */
  engine?: string;
}

export interface ShardSelection {
  scenarios: PlannedScenario[];
  cucumberArgs: string[];
}

/**
 * The scenarios of one shard and the cucumber arguments that run exactly them: the user's
 * options (tags, names, ...) without their feature paths, then `file:line` for each scenario.
 */
export async function selectShard(
  args: readonly string[],
  planned: readonly PlannedScenario[],
  shard: Shard | undefined,
): Promise<ShardSelection> {
  if (shard === undefined) return { scenarios: [...planned], cucumberArgs: [...args] };
  const paths = new Set(await sourcePaths(args));
  const scenarios = scenariosOfShard(planned, shard);
  process.stderr.write(
    `wanlab: shard ${shardLabel(shard)}: ${scenarios.length} of ${planned.length} scenarios\n`,
  );
  return {
    scenarios,
    cucumberArgs: [...args.filter((arg) => !paths.has(arg)), ...locationArgs(scenarios)],
  };
}

export function writeShardRecord(dir: string, record: ShardRecord): void {
  writeFileSync(join(dir, SHARD_FILE), `${JSON.stringify(record, null, 2)}\n`);
}

export function removeShardRecord(dir: string): void {
  rmSync(join(dir, SHARD_FILE), { force: true });
}

/** A run folder's shard.json; a folder without one is no wanlab run. */
export function readShardRecord(dir: string): ShardRecord {
  const file = join(dir, SHARD_FILE);
  if (!existsSync(file)) {
    throw new HarnessError(
      'WANLAB_REPORT_UNREADABLE',
      `${dir} holds no ${SHARD_FILE}: not the reports folder of a wanlab test or conformance run`,
      'give the reports folders that `wanlab test|conformance [--shard i/n]` wrote (WANLAB_REPORTS_DIR, or reports/)',
    );
  }
  const value = JSON.parse(readFileSync(file, 'utf8')) as Partial<ShardRecord>;
  const { shard } = value;
  if (
    !shard ||
    !Number.isInteger(shard.index) ||
    !Number.isInteger(shard.count) ||
    typeof value.scenarios !== 'number' ||
    typeof value.seed !== 'string'
  ) {
    throw new HarnessError(
      'WANLAB_REPORT_UNREADABLE',
      `${file} is not a shard record (shard, scenarios, seed)`,
      'run the shard again with this version of wanlab',
    );
  }
  return value as ShardRecord;
}
