import assert from 'node:assert/strict';
import { test } from 'node:test';
import { parseTopology } from './load-topology.js';
import { TopologyError } from './topology-error.js';

/** Site 1 has two members; the second one's entry is appended by each test. */
function topology(
  secondMember: string,
  region = '      - name: data\n        senders: [to-2]',
): string {
  return `name: multi
sites:
  - name: site1
    id: 1
    members:
      - site1-m1
${secondMember}
    regions:
${region}
    senders:
      - id: to-2
        remoteSite: site2
  - name: site2
    id: 2
    members: [site2-m1]
`;
}

function rejected(text: string): TopologyError {
  try {
    parseTopology(text, 'multi.yaml');
  } catch (error) {
    if (error instanceof TopologyError) return error;
    throw error;
  }
  assert.fail('expected the topology to be rejected');
}

test('a member may set its own batch size for a site sender', () => {
  const parsed = parseTopology(
    topology('      - name: site1-m2\n        senders: [{ id: to-2, batchSize: 7 }]'),
    'multi.yaml',
  );
  const m2 = parsed.sites[0]!.members[1]!;
  assert.equal(m2.senders[0]!.batchSize, 7);
  assert.equal(parsed.sites[0]!.members[0]!.senders[0]!.batchSize, 100);
});

test('a member defining a site sender as parallel is rejected at that field', () => {
  const error = rejected(
    topology(
      '      - name: site1-m2\n        senders:\n          - id: to-2\n            parallel: true',
      '      - name: data\n        type: partitioned\n        senders: [to-2]',
    ),
  );
  assert.equal(error.issues.length, 1);
  assert.deepEqual(error.issues[0]!.path, ['sites', 0, 'members', 1, 'senders', 0, 'parallel']);
  assert.equal(error.issues[0]!.location.line, 10);
  assert.match(
    error.message,
    /multi\.yaml:10:\d+ sites\[0\]\.members\[1\]\.senders\[0\]\.parallel/,
  );
  assert.match(error.issues[0]!.message, /with parallel true, but its site defines it with false/);
});

test('members may not differ in remote site, persistence, conflation or serial order policy', () => {
  for (const [field, value, at] of [
    ['remoteSite', 'site1', 'remoteSite'],
    ['persistent', 'true', 'persistent'],
    ['batchConflation', 'true', 'batchConflation'],
    ['orderPolicy', 'thread', 'orderPolicy'],
  ] as const) {
    const error = rejected(
      topology(`      - name: site1-m2\n        senders: [{ id: to-2, ${field}: ${value} }]`),
    );
    assert.deepEqual(
      error.issues.map((i) => i.path.at(-1)),
      [at],
      `${field} should be rejected alone`,
    );
  }
});

test('a member listed under one site that names another is rejected', () => {
  const error = rejected(topology('      - name: site1-m2\n        site: site2'));
  assert.deepEqual(error.issues[0]!.path, ['sites', 0, 'members', 1, 'site']);
  assert.match(error.issues[0]!.message, /names site "site2", but it is listed under site "site1"/);
});

test('redundantCopies outside 0-3 is rejected with its line', () => {
  const error = rejected(
    topology(
      '      - site1-m2',
      '      - name: data\n        type: partitioned\n        redundantCopies: 4\n        senders: [to-2]',
    ),
  );
  assert.deepEqual(error.issues[0]!.path, ['sites', 0, 'regions', 0, 'redundantCopies']);
  assert.equal(error.issues[0]!.location.line, 11);
});
