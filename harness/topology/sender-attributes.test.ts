import assert from 'node:assert/strict';
import { describe, it } from 'node:test';
import { parseTopology } from './load-topology.js';
import { TopologyError } from './topology-error.js';

/** A two-site topology whose one sender gets `attributes` (indented YAML lines). */
function topology(attributes: string, receiver = ''): string {
  return [
    'name: bad-sender',
    'sites:',
    '  - name: a',
    '    id: 1',
    '    members: [a1]',
    '    regions: [{ name: data, type: partitioned, senders: [s] }]',
    '    senders:',
    '      - id: s',
    '        remoteSite: b',
    ...attributes.split('\n').map((line) => `        ${line}`),
    '  - name: b',
    '    id: 2',
    '    members: [b1]',
    ...(receiver ? [`    receiver: ${receiver}`] : []),
  ].join('\n');
}

function problem(text: string): { line: number; field: string; message: string } {
  try {
    parseTopology(text, 'bad.yaml');
  } catch (error) {
    assert.ok(error instanceof TopologyError, String(error));
    const issue = error.issues[0]!;
    return { line: issue.location.line, field: issue.path.join('.'), message: issue.message };
  }
  assert.fail('the topology was accepted');
}

describe('a topology with bad sender or receiver attributes says what and where', () => {
  it('dispatcherThreads below 1', () => {
    const found = problem(topology('dispatcherThreads: 0'));
    assert.deepEqual([found.line, found.field], [10, 'sites.0.senders.0.dispatcherThreads']);
    assert.match(found.message, />= 1/);
  });

  it('an attribute above its bound: dispatcherThreads, a timer past 2^31-1 ms, queue memory', () => {
    const threads = problem(topology('dispatcherThreads: 10000'));
    assert.deepEqual([threads.line, threads.field], [10, 'sites.0.senders.0.dispatcherThreads']);
    assert.match(threads.message, /<= 64/);
    assert.match(problem(topology('batchTimeIntervalMs: 2147483647')).message, /<= 2147483646/);
    assert.equal(
      problem(topology('maximumQueueMemoryMb: 100000')).field,
      'sites.0.senders.0.maximumQueueMemoryMb',
    );
  });

  it('batchSize below 1', () => {
    assert.deepEqual(problem(topology('batchSize: 0')).line, 10);
  });

  it('an unknown order policy', () => {
    assert.equal(problem(topology('orderPolicy: random')).field, 'sites.0.senders.0.orderPolicy');
  });

  it('the thread order policy on a parallel sender', () => {
    const found = problem(topology('parallel: true\norderPolicy: thread'));
    assert.deepEqual([found.line, found.field], [11, 'sites.0.senders.0.orderPolicy']);
    assert.match(found.message, /not allowed on a parallel sender/);
  });

  it('groupTransactionEvents with batchConflation (TX-2)', () => {
    const found = problem(
      topology('dispatcherThreads: 1\ngroupTransactionEvents: true\nbatchConflation: true'),
    );
    assert.deepEqual([found.line, found.field], [11, 'sites.0.senders.0.groupTransactionEvents']);
    assert.match(found.message, /cannot be combined with batchConflation/);
  });

  it('a receiver port range whose start is after its end', () => {
    const found = problem(topology('batchSize: 10', '{ portRange: { start: 6000, end: 5000 } }'));
    assert.match(found.message, /starts at 6000, after its end 5000/);
    assert.equal(found.field, 'sites.1.receiver.portRange.start');
  });
});
