import { readFileSync } from 'node:fs';

export type ScenarioStatus =
  'passed' | 'failed' | 'skipped' | 'pending' | 'undefined' | 'ambiguous' | 'unknown' | 'not-run';

export interface ScenarioResult {
  pickleId: string;
  name: string;
  uri: string;
  tags: string[];
  status: ScenarioStatus;
  durationMs: number;
  message?: string;
}

interface Envelope {
  pickle?: { id: string; name: string; uri: string; tags: Array<{ name: string }> };
  testCase?: { id: string; pickleId: string };
  testCaseStarted?: {
    id: string;
    testCaseId: string;
    timestamp: { seconds: number; nanos: number };
  };
  testStepFinished?: {
    testCaseStartedId: string;
    testStepResult: {
      status: string;
      message?: string;
      duration: { seconds: number; nanos: number };
    };
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

/** Reads cucumber's message NDJSON into one result per scenario (the last attempt counts). */
export function readCucumberResults(file: string): ScenarioResult[] {
  const pickles = new Map<string, ScenarioResult>();
  const caseToPickle = new Map<string, string>();
  const startedToPickle = new Map<string, string>();
  for (const line of readFileSync(file, 'utf8').split('\n')) {
    if (!line.trim()) continue;
    const envelope = JSON.parse(line) as Envelope;
    if (envelope.pickle) {
      const { id, name, uri, tags } = envelope.pickle;
      pickles.set(id, {
        pickleId: id,
        name,
        uri,
        tags: tags.map((t) => t.name),
        status: 'not-run',
        durationMs: 0,
      });
    } else if (envelope.testCase) {
      caseToPickle.set(envelope.testCase.id, envelope.testCase.pickleId);
    } else if (envelope.testCaseStarted) {
      const pickleId = caseToPickle.get(envelope.testCaseStarted.testCaseId);
      if (!pickleId) continue;
      startedToPickle.set(envelope.testCaseStarted.id, pickleId);
      const result = pickles.get(pickleId)!;
      result.status = 'passed';
      result.durationMs = 0;
      delete result.message;
    } else if (envelope.testStepFinished) {
      const result = pickles.get(
        startedToPickle.get(envelope.testStepFinished.testCaseStartedId) ?? '',
      );
      if (!result) continue;
      const step = envelope.testStepFinished.testStepResult;
      const status = step.status.toLowerCase() as ScenarioStatus;
      result.durationMs += step.duration.seconds * 1000 + step.duration.nanos / 1e6;
      if (SEVERITY.indexOf(status) > SEVERITY.indexOf(result.status)) {
        result.status = status;
        if (step.message) result.message = step.message;
      }
    }
  }
  return [...pickles.values()];
}
