import assert from 'node:assert/strict';
import { join } from 'node:path';
import { test } from 'node:test';
import { seedClauses } from '../report/clause-catalogue.js';
import { projectRoot } from '../util/project-root.js';
import { featureScenarios, familiesMissingFromSubset, scenarioTags } from './container-subset.js';

const clauses = [
  { id: 'ARCH-1', family: 'ARCH', sources: [], statement: '' },
  { id: 'SEND-2', family: 'SEND', sources: [], statement: '' },
  { id: 'HA-1', family: 'HA', sources: [], statement: '' },
];

const FEATURE = `@topology:two-site
Feature: x

  Background:
    Given the topology "two-site" is running

  @clause:ARCH-1 @container
  Scenario: in the subset
    When something

  # a comment between tags and scenario is fine
  @clause:SEND-2
  Scenario: not in the subset
    When something

  @container
  Rule: all of these run in containers
    @clause:HA-1
    Scenario: by its rule
`;

test('scenario tags include feature and rule tags', () => {
  const scenarios = scenarioTags(FEATURE, 'x.feature');
  assert.deepEqual(
    scenarios.map((s) => [s.line, s.tags]),
    [
      [8, ['@topology:two-site', '@clause:ARCH-1', '@container']],
      [13, ['@topology:two-site', '@clause:SEND-2']],
      [19, ['@topology:two-site', '@container', '@clause:HA-1']],
    ],
  );
});

test('a family whose scenarios are all outside the subset is reported', () => {
  assert.deepEqual(familiesMissingFromSubset(scenarioTags(FEATURE, 'x.feature'), clauses), [
    'SEND',
  ]);
});

// Families beyond the seed documents (SEC) probe the ports of host processes directly, so the
// container subset covers the seed families only.
test('every seed clause family with scenarios has one in the @container subset', () => {
  const missing = familiesMissingFromSubset(
    featureScenarios(join(projectRoot(), 'features')),
    seedClauses(),
  );
  assert.deepEqual(
    missing,
    [],
    `tag at least one scenario of each of these families @container (features/README.md, "Container subset")`,
  );
});
