import { CAPABILITY_NAMES, isCapability, NEEDS_TAG_PREFIX } from '../../contract/index.js';
import { CLAUSE_TAG_PREFIX, clauseIdsOf } from '../report/clause-catalogue.js';
import { gherkinNodeIndex, type DryRunEnvelope } from './messages.js';
import { nearestNames } from './nearest-names.js';
import { nearestSteps } from './step-suggestions.js';

/** Something wrong in a feature file, found before anything runs. */
export interface FeatureProblem {
  uri: string;
  line: number;
  message: string;
  /** The nearest defined steps, for an undefined step. */
  suggestions?: string[];
}

export interface DefinedStep {
  expression: string;
  uri: string;
  line: number;
}

export function definedSteps(envelopes: readonly DryRunEnvelope[]): DefinedStep[] {
  return envelopes.flatMap(({ stepDefinition: d }) =>
    d
      ? [
          {
            expression: d.pattern.source,
            uri: d.sourceReference.uri ?? '?',
            line: d.sourceReference.location?.line ?? 0,
          },
        ]
      : [],
  );
}

/**
 * Undefined and ambiguous steps (with the nearest defined ones), clause tags missing from the
 * catalogue, `@needs:` tags naming no capability (with the nearest ones), and Gherkin syntax
 * errors; each once, at its line, in file order.
 */
export function featureProblems(
  envelopes: readonly DryRunEnvelope[],
  knownClauses: ReadonlySet<string>,
): FeatureProblem[] {
  const nodes = gherkinNodeIndex(envelopes);
  const expressions = definedSteps(envelopes).map((d) => d.expression);
  const pickles = new Map(envelopes.flatMap(({ pickle }) => (pickle ? [[pickle.id, pickle]] : [])));
  const problems = new Map<string, FeatureProblem>();
  const add = (problem: FeatureProblem): void => {
    problems.set(`${problem.uri}:${problem.line}:${problem.message}`, problem);
  };
  for (const { parseError } of envelopes) {
    if (!parseError) continue;
    add({
      uri: parseError.source.uri ?? '?',
      line: parseError.source.location?.line ?? 0,
      message: `Gherkin syntax: ${parseError.message}`,
    });
  }
  for (const { testCase } of envelopes) {
    const pickle = testCase && pickles.get(testCase.pickleId);
    if (!testCase || !pickle) continue;
    for (const testStep of testCase.testSteps) {
      const step = pickle.steps.find((s) => s.id === testStep.pickleStepId);
      const matches = testStep.stepDefinitionIds?.length ?? 1;
      if (!step || matches === 1) continue;
      const at = nodes.get(step.astNodeIds[0] ?? '') ?? { uri: pickle.uri, line: 0, keyword: '' };
      const text = `${at.keyword}${step.text}`;
      if (matches === 0) {
        add({
          uri: at.uri,
          line: at.line,
          message: `undefined step: ${text}`,
          suggestions: nearestSteps(step.text, expressions).map((s) => s.expression),
        });
      } else {
        add({
          uri: at.uri,
          line: at.line,
          message: `ambiguous step (${matches} definitions match it): ${text}`,
        });
      }
    }
    for (const tag of pickle.tags) {
      if (tag.name.startsWith(NEEDS_TAG_PREFIX)) {
        const name = tag.name.slice(NEEDS_TAG_PREFIX.length);
        if (isCapability(name)) continue;
        const at = nodes.get(tag.astNodeId) ?? { uri: pickle.uri, line: 0, keyword: '' };
        const near = nearestNames(name, CAPABILITY_NAMES);
        add({
          uri: at.uri,
          line: at.line,
          message: `unknown capability tag ${tag.name}: ${near.length > 0 ? `nearest known: ${near.join(', ')}` : `known: ${CAPABILITY_NAMES.join(', ')}`} (contract/capabilities.ts)`,
        });
        continue;
      }
      const [id] = clauseIdsOf([tag.name]);
      if (id === undefined || knownClauses.has(id)) continue;
      const at = nodes.get(tag.astNodeId) ?? { uri: pickle.uri, line: 0, keyword: '' };
      add({
        uri: at.uri,
        line: at.line,
        message: `unknown clause tag ${CLAUSE_TAG_PREFIX}${id}: it is not in features/clauses.yaml`,
      });
    }
  }
  return [...problems.values()].sort((a, b) => a.uri.localeCompare(b.uri) || a.line - b.line);
}

export function formatProblems(problems: readonly FeatureProblem[]): string {
  return problems
    .map((p) => {
      const where = `  ${p.uri}:${p.line}: ${p.message}`;
      if (p.suggestions === undefined) return where;
      if (p.suggestions.length === 0)
        return `${where}\n    no defined step is close: features/README.md lists them all`;
      return `${where}\n    nearest defined steps:\n${p.suggestions.map((s) => `      ${s}`).join('\n')}`;
    })
    .join('\n');
}
