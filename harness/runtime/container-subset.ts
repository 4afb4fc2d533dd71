import { readFileSync, readdirSync } from 'node:fs';
import { join } from 'node:path';
import { CLAUSE_TAG_PREFIX, type Clause } from '../report/clause-catalogue.js';

/**
 * The container subset: scenarios tagged @container run in CI with the container runtime
 * (`npm run test:containers`). The rule: every clause family that has scenarios has at least
 * one of them in the subset, so each family is proven in containers too.
 */
export const CONTAINER_TAG = '@container';

export interface ScenarioTags {
  file: string;
  line: number;
  tags: string[];
}

/**
 * Scenarios of a feature file with their effective tags (feature and rule tags included).
 * A line scanner is enough for tags: they are lines of @words before a keyword.
 */
export function scenarioTags(text: string, file: string): ScenarioTags[] {
  const scenarios: ScenarioTags[] = [];
  let pending: string[] = [];
  let featureTags: string[] = [];
  let ruleTags: string[] = [];
  text.split('\n').forEach((raw, index) => {
    const line = raw.trim();
    if (line.startsWith('@')) {
      pending.push(...line.split(/\s+/).filter((word) => word.startsWith('@')));
      return;
    }
    if (/^Feature:/.test(line)) featureTags = pending;
    else if (/^Rule:/.test(line)) ruleTags = pending;
    else if (/^(Scenario|Scenario Outline|Example|Scenario Template):/.test(line)) {
      scenarios.push({ file, line: index + 1, tags: [...featureTags, ...ruleTags, ...pending] });
    } else if (line === '' || line.startsWith('#')) return;
    pending = [];
  });
  return scenarios;
}

export function featureScenarios(featuresDir: string): ScenarioTags[] {
  return readdirSync(featuresDir)
    .filter((name) => name.endsWith('.feature'))
    .sort()
    .flatMap((name) => scenarioTags(readFileSync(join(featuresDir, name), 'utf8'), name));
}

/** Clause families with scenarios but none tagged @container (should be empty). */
export function familiesMissingFromSubset(scenarios: ScenarioTags[], clauses: Clause[]): string[] {
  const familyOf = new Map(clauses.map((c) => [c.id, c.family]));
  const covered = new Set<string>();
  const inSubset = new Set<string>();
  for (const scenario of scenarios) {
    const families = scenario.tags
      .filter((tag) => tag.startsWith(CLAUSE_TAG_PREFIX))
      .map((tag) => familyOf.get(tag.slice(CLAUSE_TAG_PREFIX.length)))
      .filter((family): family is string => family !== undefined);
    for (const family of families) {
      covered.add(family);
      if (scenario.tags.includes(CONTAINER_TAG)) inSubset.add(family);
    }
  }
  return [...covered].filter((family) => !inSubset.has(family)).sort();
}
