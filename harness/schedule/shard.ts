import { HarnessError } from '../errors.js';
import { topologyOf } from './schedule-plan.js';

/** `--shard <index>/<count>`: this machine runs share `index` (1-based) of `count`. */
export interface Shard {
  index: number;
  count: number;
}

/** What the partition needs of a scenario: where it is, and the steps naming its topology. */
export interface ShardableScenario {
  uri: string;
  line: number;
  steps: ReadonlyArray<{ text: string }>;
}

/** What a scenario costs beside the waits its steps name, and what starting a deployment costs. */
const SCENARIO_BASE_S = 2;
const DEPLOYMENT_START_S = 5;
/** A wait a step names: `runs for 20 s`, `for 1500 ms` (chaos runs, outages). */
const NAMED_WAIT = /\bfor (\d+) ?(s|ms)\b/g;

export function parseShard(text: string, option = '--shard'): Shard {
  const match = /^(\d+)\/(\d+)$/.exec(text.trim());
  const index = Number(match?.[1]);
  const count = Number(match?.[2]);
  if (!match || count < 1 || index < 1 || index > count) {
    throw new HarnessError(
      'WANLAB_USAGE',
      `${option} ${text}: not a shard <index>/<count> with 1 <= index <= count`,
      `e.g. ${option} 1/3 on the first of three machines, ${option} 3/3 on the last`,
    );
  }
  return { index, count };
}

export function shardLabel(shard: Shard): string {
  return `${shard.index}/${shard.count}`;
}

/**
 * The scenarios of share `shard.index` of `shard.count`. Scenarios that start the same
 * topology stay together (a shard never starts a deployment another shard also needs); a
 * scenario without a topology step is a group of its own. Groups are dealt heaviest first,
 * each to the lightest shard so far (weight: estimated seconds, see estimatedSeconds, and one
 * deployment start), ties
 * broken by name and shard number, so every machine computes the same partition from the
 * same features whatever order the dry run listed them in.
 */
export function scenariosOfShard<T extends ShardableScenario>(
  scenarios: readonly T[],
  shard: Shard,
): T[] {
  const groups = groupsOf(scenarios);
  const load = new Array<number>(shard.count).fill(0);
  const mine: T[] = [];
  for (const [, members] of groups) {
    const lightest = load.indexOf(Math.min(...load));
    load[lightest]! += weightOf(members);
    if (lightest === shard.index - 1) mine.push(...members);
  }
  return mine.sort(byLocation);
}

function groupsOf<T extends ShardableScenario>(scenarios: readonly T[]): Array<[string, T[]]> {
  const groups = new Map<string, T[]>();
  for (const scenario of [...scenarios].sort(byLocation)) {
    const topology = topologyOf(scenario.steps);
    const key =
      topology === undefined ? `scenario ${scenario.uri}:${scenario.line}` : `topology ${topology}`;
    groups.set(key, [...(groups.get(key) ?? []), scenario]);
  }
  return [...groups.entries()].sort(
    ([keyA, a], [keyB, b]) => weightOf(b) - weightOf(a) || compareText(keyA, keyB),
  );
}

/** A group's estimated seconds: its scenarios and, if it has a topology, one start. */
function weightOf(members: readonly ShardableScenario[]): number {
  const start = topologyOf(members[0]?.steps ?? []) === undefined ? 0 : DEPLOYMENT_START_S;
  return members.reduce((total, scenario) => total + estimatedSeconds(scenario), start);
}

/** A scenario's estimated seconds: a base, plus every wait its steps name. */
export function estimatedSeconds(scenario: Pick<ShardableScenario, 'steps'>): number {
  let seconds = SCENARIO_BASE_S;
  for (const { text } of scenario.steps) {
    for (const [, amount, unit] of text.matchAll(NAMED_WAIT))
      seconds += Number(amount) / (unit === 'ms' ? 1000 : 1);
  }
  return seconds;
}

/** Code-unit order: the same on every machine, whatever its locale. */
function compareText(a: string, b: string): number {
  return a < b ? -1 : a > b ? 1 : 0;
}

function byLocation(a: ShardableScenario, b: ShardableScenario): number {
  return compareText(a.uri, b.uri) || a.line - b.line;
}

/**
 * cucumber-js arguments that select exactly these scenarios: one `file:line:line` per
 * feature (an outline's example row by its own line).
 */
export function locationArgs(scenarios: readonly ShardableScenario[]): string[] {
  const lines = new Map<string, number[]>();
  for (const { uri, line } of scenarios) lines.set(uri, [...(lines.get(uri) ?? []), line]);
  return [...lines.entries()].map(([uri, at]) => [uri, ...new Set(at)].join(':'));
}
