import assert from 'node:assert/strict';
import { relative } from 'node:path';
import { defineParameterType, Then, When } from '@cucumber/cucumber';
import { adHocExperiment } from '../harness/chaos/ad-hoc-experiment.js';
import {
  CHAOS_ATTACHMENT,
  copyChaosEvidence,
  type ChaosEvidenceNote,
} from '../harness/chaos/chaos-evidence.js';
import type { Analysis } from '../harness/chaos/analyze.js';
import { runExperiment } from '../harness/chaos/run-experiment.js';
import { indexOf } from '../harness/checkers/history-index.js';
import { ALL_FAULTS, describeFault, touchingFaults } from '../harness/checkers/relevance.js';
import type { CheckerName } from '../harness/experiment/experiment-schema.js';
import { loadExperiment } from '../harness/experiment/load-experiment.js';
import type { Experiment } from '../harness/experiment/model.js';
import { HarnessError } from '../harness/errors.js';
import { verdictTable } from '../harness/cli/verdict-table.js';
import { deriveSeed } from '../harness/util/seed.js';
import { reportsDir } from '../harness/util/reports-dir.js';
import { rootSeed } from './support/hooks.js';
import type { WanWorld } from './support/world.js';

/** The chaos run of each scenario (kept beside the world, not in it). */
const runs = new WeakMap<WanWorld, Analysis>();

async function runChaos(
  world: WanWorld,
  experiment: Experiment,
  seed: number,
  seconds: number,
): Promise<void> {
  const deployment = world.deployment;
  if (deployment.topology.name !== experiment.topology.name) {
    throw new HarnessError(
      'WANLAB_USAGE',
      `experiment ${experiment.name} runs on topology ${experiment.topology.name}, but ${deployment.topology.name} is running`,
      `start with: Given the topology "${experiment.topology.name}" is running`,
    );
  }
  const analysis = await runExperiment(experiment, {
    seed,
    timeLimitMs: seconds * 1000,
    deployment,
  });
  runs.set(world, analysis);
  const evidence = copyChaosEvidence(analysis.folder.dir, reportsDir());
  const note: ChaosEvidenceNote = {
    experiment: experiment.name,
    report: evidence,
    verdict: analysis.verdict.verdict,
  };
  await world.attach(JSON.stringify(note), {
    mediaType: 'application/json',
    fileName: CHAOS_ATTACHMENT,
  });
  world.attach(
    `chaos ${experiment.name}, seed ${seed}: ${analysis.verdict.verdict}\n${verdictTable(analysis.verdict)}\nrun folder ${relative(process.cwd(), analysis.folder.dir)}\nevidence in the reports: ${evidence}`,
  );
}

function lastRun(world: WanWorld): Analysis {
  const run = runs.get(world);
  if (!run)
    throw new HarnessError(
      'WANLAB_USAGE',
      'no chaos run in this scenario',
      'run one first, e.g.: When the chaos experiment "link-flapping" runs for 20 s',
    );
  return run;
}

function scenarioSeed(world: WanWorld, name: string): number {
  return deriveSeed(rootSeed, `${world.deployment.topology.name}/${name}`);
}

function sitesOf(world: WanWorld, refs: string[]): string[] {
  return refs.map((ref) => world.deployment.site(ref).name);
}

function expectChecker(world: WanWorld, name: CheckerName, verdict: string): void {
  const result = lastRun(world).verdict.results.find((r) => r.checker === name);
  assert.ok(result, `checker ${name} did not run`);
  assert.equal(
    result.verdict,
    verdict,
    `checker ${name} says ${result.verdict}: ${result.summary}\nevidence: ${JSON.stringify(result.evidence, null, 2).slice(0, 3000)}`,
  );
}

When(
  'the chaos experiment {string} runs for {int} s with seed {int}',
  async function (this: WanWorld, name: string, seconds: number, seed: number) {
    await runChaos(this, loadExperiment(name), seed, seconds);
  },
);

When(
  'the chaos experiment {string} runs for {int} s',
  async function (this: WanWorld, name: string, seconds: number) {
    await runChaos(this, loadExperiment(name), scenarioSeed(this, name), seconds);
  },
);

/** "link", "partition and freeze", "link, clock and pause": fault families (ad-hoc-experiment.ts). */
defineParameterType({
  name: 'faults',
  regexp: /[a-z]+(?:(?:, | and )[a-z]+)*/,
  transformer: (text: string) => text.split(/, | and /),
  useForSnippets: false,
});

async function runAdHoc(
  world: WanWorld,
  sites: string[],
  region: string,
  seconds: number,
  families: string[],
  seed: number | undefined,
): Promise<void> {
  const experiment = adHocExperiment(world.deployment.topology, {
    region,
    sites: sitesOf(world, sites),
    seconds,
    families,
  });
  await runChaos(world, experiment, seed ?? scenarioSeed(world, experiment.name), seconds);
}

When(
  'site(s) {sites} write(s) to region {string} for {int} s under random {faults} faults',
  async function (
    this: WanWorld,
    sites: string[],
    region: string,
    seconds: number,
    families: string[],
  ) {
    await runAdHoc(this, sites, region, seconds, families, undefined);
  },
);

When(
  'site(s) {sites} write(s) to region {string} for {int} s under random {faults} faults with seed {int}',
  async function (
    this: WanWorld,
    sites: string[],
    region: string,
    seconds: number,
    families: string[],
    seed: number,
  ) {
    await runAdHoc(this, sites, region, seconds, families, seed);
  },
);

Then('the chaos verdict is {word}', function (this: WanWorld, verdict: string) {
  const run = lastRun(this);
  assert.equal(run.verdict.verdict, verdict, verdictTable(run.verdict));
});

Then('the checker {string} says {word}', function (this: WanWorld, name: string, verdict: string) {
  expectChecker(this, name as CheckerName, verdict);
});

Then('nothing acknowledged was lost', function (this: WanWorld) {
  expectChecker(this, 'no-loss', 'pass');
});

Then('the sites converged', function (this: WanWorld) {
  expectChecker(this, 'convergence', 'pass');
});

Then(
  'no event was applied twice unless flagged as a possible duplicate',
  function (this: WanWorld) {
    expectChecker(this, 'duplicates', 'pass');
  },
);

Then('every remote site applied each key in order', function (this: WanWorld) {
  expectChecker(this, 'order', 'pass');
});

Then('every conflicting write resolved to the same winner everywhere', function (this: WanWorld) {
  expectChecker(this, 'conflicts', 'pass');
});

Then('at most one batch arrived after each pause', function (this: WanWorld) {
  expectChecker(this, 'pause-bound', 'pass');
});

Then(
  'at least {int} writes that were later in real time lost to the skewed clock',
  function (this: WanWorld, count: number) {
    const conflicts = lastRun(this).verdict.results.find((r) => r.checker === 'conflicts');
    const lost = Number(conflicts?.evidence.laterWriteLost ?? 0);
    assert.ok(
      lost >= count,
      `${lost} later writes lost to the skewed clock (conflicts: ${conflicts?.summary})`,
    );
  },
);

Then(
  'the receivers got at least {int} events flagged as possible duplicates',
  function (this: WanWorld, count: number) {
    const evidence =
      lastRun(this).verdict.results.find((r) => r.checker === 'duplicates')?.evidence ?? {};
    const flagged = Number(evidence.possibleDuplicatesReceived ?? 0);
    assert.ok(
      flagged >= count,
      `receivers got ${flagged} events flagged possibleDuplicate (${JSON.stringify(evidence)})`,
    );
  },
);

Then('at least {int} faults touched the run', function (this: WanWorld, count: number) {
  const touching = touchingFaults(indexOf(lastRun(this).history), ALL_FAULTS);
  assert.ok(
    touching.length >= count,
    `only ${touching.length} faults touched the run: ${touching.map(describeFault).join(', ') || 'none'}`,
  );
});
