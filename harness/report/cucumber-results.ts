import { readFileSync } from 'node:fs';
import { gherkinNodeIndex, type DryRunEnvelope } from '../features/messages.js';
import {
  NOT_APPLICABLE_ATTACHMENT,
  notApplicableMessage,
  type NotApplicable,
} from '../engines/applicability.js';
import { CHAOS_ATTACHMENT, type ChaosEvidenceNote } from '../chaos/chaos-evidence.js';
import { scenarioTag } from './cucumber-html.js';
import { scenarioTagQuery, tagQueryUrl } from './evidence-links.js';
import { DEPLOYMENT_ATTACHMENT, type DeploymentEvidence } from './run-evidence.js';

/** cucumber's statuses, `not-run`, and `not-applicable`: the engine lacks what it needs. */
export type ScenarioStatus =
  | 'passed'
  | 'failed'
  | 'skipped'
  | 'pending'
  | 'undefined'
  | 'ambiguous'
  | 'unknown'
  | 'not-run'
  | 'not-applicable';

export interface ScenarioResult {
  pickleId: string;
  name: string;
  uri: string;
  /** The scenario's line (an outline's example row) in its feature file. */
  line: number;
  tags: string[];
  status: ScenarioStatus;
  durationMs: number;
  message?: string;
  /**
   * A link (relative to the reports folder) that opens this scenario in cucumber.html: a tag
   * expression only it satisfies in its run (or only it and the rows of its Examples table).
   */
  evidence?: string;
  /** The chaos reports (reports/chaos/<run>/report.html, relative) its experiments wrote. */
  chaos?: string[];
}

export interface RunResults {
  scenarios: ScenarioResult[];
  /** What each scenario's deployment was (see run-evidence.ts), in the order attached. */
  evidence: DeploymentEvidence[];
}

interface Duration {
  seconds: number;
  nanos: number;
}

interface Envelope extends Pick<DryRunEnvelope, 'gherkinDocument'> {
  pickle?: {
    id: string;
    name: string;
    uri: string;
    astNodeIds: string[];
    tags: Array<{ name: string }>;
  };
  testCase?: { id: string; pickleId: string };
  testCaseStarted?: { id: string; testCaseId: string };
  testStepFinished?: {
    testCaseStartedId: string;
    testStepResult: { status: string; message?: string; duration: Duration };
  };
  attachment?: {
    body: string;
    contentEncoding: string;
    fileName?: string;
    testCaseStartedId?: string;
  };
}

const SEVERITY: ScenarioStatus[] = [
  'passed',
  'skipped',
  'pending',
  'unknown',
  'undefined',
  'ambiguous',
  'failed',
];

/**
 * Reads cucumber's message NDJSON: one result per scenario (the last attempt counts) and the
 * deployment evidence the scenarios attached.
 */
export function readCucumberResults(file: string): RunResults {
  const envelopes = readFileSync(file, 'utf8')
    .split('\n')
    .filter((line) => line.trim())
    .map((line) => JSON.parse(line) as Envelope);
  const nodes = gherkinNodeIndex(envelopes);
  const pickles = new Map<string, ScenarioResult>();
  const caseToPickle = new Map<string, string>();
  const caseOfPickle = new Set<string>();
  const startedToPickle = new Map<string, string>();
  const evidence: DeploymentEvidence[] = [];
  const notApplicable = new Map<string, NotApplicable>();
  for (const envelope of envelopes) {
    if (envelope.pickle) {
      const { id, name, uri, tags, astNodeIds } = envelope.pickle;
      const line = nodes.get(astNodeIds[astNodeIds.length - 1] ?? '')?.line ?? 0;
      pickles.set(id, {
        pickleId: id,
        name,
        uri,
        line,
        tags: tags.map((t) => t.name),
        status: 'not-run',
        durationMs: 0,
      });
    } else if (envelope.testCase) {
      caseToPickle.set(envelope.testCase.id, envelope.testCase.pickleId);
      caseOfPickle.add(envelope.testCase.pickleId);
    } else if (envelope.testCaseStarted) {
      const pickleId = caseToPickle.get(envelope.testCaseStarted.testCaseId);
      if (!pickleId) continue;
      startedToPickle.set(envelope.testCaseStarted.id, pickleId);
      const result = pickles.get(pickleId)!;
      result.status = 'passed';
      result.durationMs = 0;
      delete result.message;
      delete result.chaos;
      notApplicable.delete(pickleId);
    } else if (envelope.testStepFinished) {
      const result = pickles.get(
        startedToPickle.get(envelope.testStepFinished.testCaseStartedId) ?? '',
      );
      if (result) addStep(result, envelope.testStepFinished.testStepResult);
    } else if (envelope.attachment?.fileName === DEPLOYMENT_ATTACHMENT) {
      evidence.push(parseEvidence<DeploymentEvidence>(envelope.attachment));
    } else if (envelope.attachment?.fileName === CHAOS_ATTACHMENT) {
      const result = pickles.get(
        startedToPickle.get(envelope.attachment.testCaseStartedId ?? '') ?? '',
      );
      const note = parseEvidence<ChaosEvidenceNote>(envelope.attachment);
      if (result) result.chaos = [...(result.chaos ?? []), note.report];
    } else if (envelope.attachment?.fileName === NOT_APPLICABLE_ATTACHMENT) {
      const pickleId = startedToPickle.get(envelope.attachment.testCaseStartedId ?? '');
      if (pickleId) notApplicable.set(pickleId, parseEvidence<NotApplicable>(envelope.attachment));
    }
  }
  // A scenario skipped because its engine lacks a capability is not applicable, nothing else.
  for (const [pickleId, na] of notApplicable) {
    const result = pickles.get(pickleId)!;
    if (result.status !== 'skipped') continue;
    result.status = 'not-applicable';
    result.message = notApplicableMessage(na);
  }
  // A pickle without a test case was left out by the run's filters (tags, names, lines).
  const scenarios = [...pickles.values()].filter((s) => caseOfPickle.has(s.pickleId));
  addEvidenceLinks(scenarios);
  return { scenarios, evidence };
}

/**
 * Each scenario's link into cucumber.html: the tag expression of its own tags when that
 * selects it alone, else the `@scenario:` tag wanlab adds when it writes cucumber.html.
 */
function addEvidenceLinks(results: ScenarioResult[]): void {
  const tags = results.map((r) => r.tags);
  results.forEach((result, index) => {
    const others = [...tags.slice(0, index), ...tags.slice(index + 1)];
    const query = scenarioTagQuery(result.tags, others);
    result.evidence = tagQueryUrl(
      query && query.matches === 1
        ? query
        : { expression: scenarioTag(result.uri, result.line), matches: 1 },
    );
  });
}

function addStep(
  result: ScenarioResult,
  step: { status: string; message?: string; duration: Duration },
): void {
  const status = step.status.toLowerCase() as ScenarioStatus;
  result.durationMs += step.duration.seconds * 1000 + step.duration.nanos / 1e6;
  if (SEVERITY.indexOf(status) > SEVERITY.indexOf(result.status)) {
    result.status = status;
    if (step.message) result.message = step.message;
  }
}

function parseEvidence<T>(attachment: { body: string; contentEncoding: string }): T {
  const text =
    attachment.contentEncoding === 'BASE64'
      ? Buffer.from(attachment.body, 'base64').toString('utf8')
      : attachment.body;
  return JSON.parse(text) as T;
}
