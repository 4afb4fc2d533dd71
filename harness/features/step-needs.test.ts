import assert from 'node:assert/strict';
import { join, relative } from 'node:path';
import { test } from 'node:test';
import { neededCapabilities } from '../../contract/index.js';
import { AD_HOC_CHECKERS, FAULT_FAMILIES } from '../chaos/ad-hoc-experiment.js';
import { experimentNeeds } from '../chaos/experiment-needs.js';
import { loadExperiment } from '../experiment/load-experiment.js';
import { dryRun } from './dry-run.js';
import { definedSteps } from './feature-check.js';
import { topologyOf } from '../schedule/schedule-plan.js';
import { loadTopology } from '../topology/load-topology.js';
import { projectRoot } from '../util/project-root.js';
import { scenarioNeeds, STEP_NEEDS, topologyNeeds } from '../../steps/support/step-needs.js';

const context = {
  topology: (name: string) =>
    loadTopology(relative(process.cwd(), join(projectRoot(), 'topologies', `${name}.yaml`))),
  experiment: (name: string) => {
    const experiment = loadExperiment(name);
    return experimentNeeds(
      [
        ...experiment.nemesis.faults.map((f) => f.kind),
        ...experiment.nemesis.schedule.map((s) => s.fault.kind),
      ],
      experiment.checkers.map((c) => c.name),
    );
  },
  adHoc: (families: string[]) =>
    experimentNeeds(
      families.flatMap((family) => (FAULT_FAMILIES[family] ?? []).map((f) => f.kind)),
      AD_HOC_CHECKERS,
    ),
  topologyOf,
};

test('every scenario names with @needs exactly the capabilities its steps, topology and faults need', async () => {
  process.chdir(projectRoot());
  const envelopes = await dryRun([]);
  const expressions = new Map(
    envelopes.flatMap(({ stepDefinition: d }) => (d ? [[d.id, d.pattern.source]] : [])),
  );
  const pickles = new Map(envelopes.flatMap(({ pickle }) => (pickle ? [[pickle.id, pickle]] : [])));
  const wrong: string[] = [];
  for (const { testCase } of envelopes) {
    const pickle = testCase && pickles.get(testCase.pickleId);
    if (!testCase || !pickle) continue;
    const steps = pickle.steps.map((step) => {
      const matched = testCase.testSteps.find((t) => t.pickleStepId === step.id);
      return {
        text: step.text,
        expression: expressions.get(matched?.stepDefinitionIds?.[0] ?? ''),
      };
    });
    const wanted = scenarioNeeds({ steps }, context);
    const tagged = neededCapabilities(pickle.tags.map((t) => t.name)).sort();
    if (wanted.join() !== tagged.join()) {
      wrong.push(
        `${pickle.uri} "${pickle.name}": needs [${wanted.join(', ')}], tagged [${tagged.join(', ')}]`,
      );
    }
  }
  assert.deepEqual(wrong, []);
});

test('every step the table names is a defined step', async () => {
  const defined = new Set(definedSteps(await dryRun([])).map((d) => d.expression));
  assert.deepEqual(
    Object.keys(STEP_NEEDS).filter((expression) => !defined.has(expression)),
    [],
  );
});

test('a topology with resolver modules or skewed clocks needs what they act through', () => {
  const site = (clockOffsetMs: number, resolver?: string) => ({
    clockOffsetMs,
    regions: [
      {
        type: 'replicated',
        senderIds: [],
        parallelSenders: 'accept',
        conflict: resolver ? { resolver } : {},
      },
    ],
    senders: [],
  });
  assert.deepEqual(topologyNeeds({ sites: [site(0), site(0)] }), []);
  assert.deepEqual(topologyNeeds({ sites: [site(0), site(500)] }), ['clock-offset']);
  assert.deepEqual(topologyNeeds({ sites: [site(0, 'r.ts')] }), ['custom-resolver']);
});

test('a normal or preloaded region that accepts a parallel sender needs that capability', () => {
  const site = (type: string, parallel: boolean, parallelSenders = 'accept') => ({
    clockOffsetMs: 0,
    regions: [{ type, senderIds: ['s'], parallelSenders, conflict: {} }],
    senders: [{ id: 's', parallel }],
  });
  const needs = ['normal-region-parallel-sender'];
  assert.deepEqual(topologyNeeds({ sites: [site('normal', true)] }), needs);
  assert.deepEqual(topologyNeeds({ sites: [site('preloaded', true)] }), needs);
  assert.deepEqual(topologyNeeds({ sites: [site('normal', false)] }), []);
  assert.deepEqual(topologyNeeds({ sites: [site('partitioned', true)] }), []);
  assert.deepEqual(topologyNeeds({ sites: [site('normal', true, 'refuse')] }), []);
});
